//! Tera's errors as Remedy words them: each becomes a diagnostic on the template file, at the
//! line and column Tera gives, with a lowercase message and the list of names Tera offers as a
//! `help:` line. It decides wording only; which templates exist is the theme's business,
//! reached through [`TemplateSources`].

use std::path::PathBuf;

use super::Diagnostic;
use crate::text::lowercase_first;

/// The templates an error may point into.
pub trait TemplateSources {
    /// A template's source text and the path diagnostics show for it, by template name.
    fn find(&self, name: &str) -> Option<(&str, PathBuf)>;
}

/// Turns an error from loading the templates into diagnostics. Tera reports the problems it
/// finds once every template is parsed (unknown filters, tests and includes; blocks that no
/// parent has) as one text of reports, `error: MESSAGE` then ` --> NAME:LINE:COL`, the source line
/// and a caret line; each becomes a diagnostic on its template file.
pub fn load_diagnostics(templates: &dyn TemplateSources, error: &tera::Error) -> Vec<Diagnostic> {
    if let tera::ErrorKind::Msg(text) = error.kind() {
        let reports = parse_reports(text);
        if !reports.is_empty() {
            return reports
                .into_iter()
                .map(|report| {
                    let message = format!("template error: {}", lowercase_first(&report.message));
                    match templates.find(&report.template) {
                        Some((source, path)) => {
                            Diagnostic::at_line_col(path, source, report.line, report.col, message)
                                .with_width(report.width)
                        }
                        None => Diagnostic::file(&report.template, message),
                    }
                })
                .collect();
        }
    }
    vec![template_diagnostic(templates, error, None)]
}

/// One problem of a Tera report text.
#[derive(Debug, PartialEq, Eq)]
struct Report {
    message: String,
    template: String,
    line: usize,
    col: usize,
    width: usize,
}

/// Reads the reports out of a text of Tera reports; an empty list when it holds none.
fn parse_reports(text: &str) -> Vec<Report> {
    let mut reports = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(location) = lines
            .next()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = location.rsplitn(3, ':');
        let (Some(col), Some(line_number), Some(template)) = (
            parts.next().and_then(|c| c.parse().ok()),
            parts.next().and_then(|l| l.parse().ok()),
            parts.next(),
        ) else {
            continue;
        };
        // Then ` |`, `N | source`, ` | ^^^`.
        let width = lines
            .by_ref()
            .take(3)
            .last()
            .map_or(1, |carets| carets.matches('^').count().max(1));
        reports.push(Report {
            message: message.to_string(),
            template: template.to_string(),
            line: line_number,
            col,
            width,
        });
    }
    reports
}

/// Splits a Tera message into a message and a help line: "Field `x` is not defined. Available
/// fields: a, b" becomes "field `x` is not defined" and "available fields are `a`, `b`".
fn split_message(message: &str) -> (String, Option<String>) {
    for (label, help) in [
        ("Available fields: ", "available fields are"),
        ("Available variables: ", "available variables are"),
    ] {
        if let Some((head, list)) = message.split_once(label) {
            let names: Vec<String> = list
                .trim()
                .trim_end_matches('.')
                .split(", ")
                .map(|name| format!("`{name}`"))
                .collect();
            return (
                lowercase_first(head),
                Some(format!("{help} {}", names.join(", "))),
            );
        }
    }
    (lowercase_first(message), None)
}

/// Turns a Tera error into a diagnostic on the template file, with line and column.
pub fn template_diagnostic(
    templates: &dyn TemplateSources,
    error: &tera::Error,
    page: Option<&str>,
) -> Diagnostic {
    // `page` names the page, such as "the home page" or "`causes/x`".
    let while_rendering = |d: Diagnostic| match (page, d.help.clone()) {
        (Some(page), Some(help)) => d.with_help(format!("{help} (while rendering {page})")),
        (Some(page), None) => d.with_help(format!("while rendering {page}")),
        (None, _) => d,
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let span = report.span();
            let (message, help) = split_message(report.message());
            let message = format!("template error: {message}");
            let diagnostic = match templates.find(name) {
                Some((source, path)) => Diagnostic::at_line_col(
                    path,
                    source,
                    span.start_line.max(1),
                    span.start_col + 1,
                    message,
                )
                .with_width(if span.start_line == span.end_line {
                    span.end_col.saturating_sub(span.start_col)
                } else {
                    1
                }),
                None => Diagnostic::file(name, message),
            };
            let diagnostic = match help {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            };
            while_rendering(diagnostic)
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => {
            while_rendering(Diagnostic::file(
                template_path(templates, tpl),
                format!(
                    "template error: `{tpl}` includes itself ({})",
                    include_chain.join(" → ")
                ),
            ))
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => while_rendering(Diagnostic::file(
            template_path(templates, tpl),
            format!(
                "template error: `{tpl}` extends itself ({})",
                inheritance_chain.join(" → ")
            ),
        )),
        tera::ErrorKind::MissingParent { current, parent } => while_rendering(Diagnostic::file(
            template_path(templates, current),
            format!("template error: `{current}` extends `{parent}`, which does not exist"),
        )),
        tera::ErrorKind::TemplateNotFound(name) => while_rendering(Diagnostic::file(
            "templates",
            format!("template error: template `{name}` not found"),
        )),
        _ => while_rendering(Diagnostic::file(
            "templates",
            format!("template error: {}", lowercase_first(&error.to_string())),
        )),
    }
}

fn template_path(templates: &dyn TemplateSources, name: &str) -> PathBuf {
    templates
        .find(name)
        .map_or_else(|| PathBuf::from(name), |(_, path)| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_available_names_become_help() {
        assert_eq!(
            split_message("Field `nope` is not defined. Available fields: content, title"),
            (
                "field `nope` is not defined".to_string(),
                Some("available fields are `content`, `title`".to_string())
            )
        );
        assert_eq!(
            split_message("Unknown filter `x`."),
            ("unknown filter `x`".to_string(), None)
        );
    }
}
