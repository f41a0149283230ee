//! The generator's output files: the folders it owns and may replace, `book.toml`, the
//! section intros, and the Hugo site's configuration and minimal layouts.

use std::fs;
use std::path::Path;

use crate::kind::Kind;
use crate::{BASE_URL, SITE_DESCRIPTION, SITE_TITLE};

/// Makes `dir` ready to receive a generated site: creates it, accepts it empty, or, when an
/// earlier run of this generator wrote it (`marker` holds the generated title), removes the
/// folders that run owned. Any other non-empty directory is left alone and reported.
pub(crate) fn prepare_dir(dir: &Path, marker: &str, owned: &[&str]) -> Result<(), String> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        if entries.next().is_some() {
            let marker_text = fs::read_to_string(dir.join(marker)).unwrap_or_default();
            if !marker_text.contains(&format!("title = \"{SITE_TITLE}\"")) {
                return Err(format!(
                    "`{}` is not empty and was not written by gen_corpus; choose a new or empty directory",
                    dir.display()
                ));
            }
            for name in owned {
                let path = dir.join(name);
                if path.exists() {
                    fs::remove_dir_all(&path)
                        .map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
                }
            }
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))
}

pub(crate) fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// `content/_index.md` and one `content/<kind-dir>/_index.md` per kind, each with a title, a
/// description and one intro paragraph, the same for Remedy and Hugo (Hugo reads `description`).
pub(crate) fn write_section_indexes(root: &Path) -> Result<(), String> {
    let home = format!(
        "+++\ntitle = \"{SITE_TITLE}\"\ndescription = \"{SITE_DESCRIPTION}\"\n+++\n\n\
         Search for what you see on screen, such as an error code or the words of a message, or \
         start from the most common causes. Every fix says where to tap and what to try next.\n"
    );
    write_file(&root.join("content").join("_index.md"), &home)?;
    for kind in Kind::ALL {
        let index = format!(
            "+++\ntitle = \"{}\"\ndescription = \"{}\"\n+++\n\n{}\n",
            kind.title(),
            kind.description(),
            kind.intro()
        );
        write_file(
            &root.join("content").join(kind.dir()).join("_index.md"),
            &index,
        )?;
    }
    Ok(())
}

pub(crate) fn remedy_book_toml() -> String {
    format!(
        "[book]\ntitle = \"{SITE_TITLE}\"\ndescription = \"{SITE_DESCRIPTION}\"\n\n\
         [build]\nbase-url = \"{BASE_URL}\"\n\n[search]\nfilters = [\"kind\", \"tags\"]\n"
    )
}

pub(crate) fn hugo_config() -> String {
    format!(
        "baseURL = \"{BASE_URL}\"\ntitle = \"{SITE_TITLE}\"\nlanguageCode = \"en\"\n\
         disableKinds = [\"taxonomy\", \"term\"]\nbuildFuture = true\n\n[params]\ndescription = \"{SITE_DESCRIPTION}\"\n"
    )
}

/// Minimal Hugo layouts doing the work Remedy's pages do: title, summary, symptoms, content,
/// relation links (including the causes a fix addresses, derived like Remedy's reverse edges),
/// section lists and the home page. The reverse edges come from one cached partial that maps
/// each fix to its causes for the whole site: a `where` over the causes on every fix page would
/// be quadratic and more than double Hugo's build time at 10,000 articles, which would measure
/// our template rather than Hugo.
pub(crate) const HUGO_LAYOUTS: [(&str, &str); 5] = [
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header>
<a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
<main data-pagefind-body>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}
<article>
<p class="kind">{{ .CurrentSection.Title }}</p>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.error_codes }}<p class="codes">Error code: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.symptoms }}<h2>Symptoms</h2>
<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.effort }}<p class="effort">Takes about {{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.causes }}<h2>Causes</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/causes/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.fixes }}<h2>Fixes</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/fixes/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ if eq .Section "fixes" }}{{ with (partialCached "causes-of-fix.html" . "site").Get .File.ContentBaseName }}<h2>Fixes these causes</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
{{ with .Params.related }}<h2>Related</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ if not .Lastmod.IsZero }}<p class="updated">Updated {{ .Lastmod.Format "2006-01-02" }}</p>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "layouts/partials/causes-of-fix.html",
        r#"{{- /* Reverse edges, built once per site: fix slug -> the cause pages that list it. */ -}}
{{- $causes := newScratch -}}
{{- with site.GetPage "/causes" -}}
{{- range .Pages -}}{{- $cause := . -}}{{- range .Params.fixes -}}{{- $causes.Add . (slice $cause) -}}{{- end -}}{{- end -}}
{{- end -}}
{{- return $causes -}}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="articles">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "layouts/index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
{{ range site.Sections }}<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ len .Pages }} articles</p>
<ul>{{ range first 5 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"#,
    ),
];
