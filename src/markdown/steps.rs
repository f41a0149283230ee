//! The procedure's steps: the items of the first numbered list (or of each tab's), as plain
//! text for structured data and as HTML for print views.

use super::*;

impl<'a> Renderer<'a> {
    /// A numbered list starts at the top of the body (or of a tab): the procedure's steps if it
    /// is the first, or the steps of another tab of the set that holds them.
    pub(super) fn start_numbered_list(&mut self) {
        let frame = self.tab_frames.last_mut().filter(|frame| frame.tab_open);
        if self.steps_list == StepsList::NotSeen {
            self.steps_list = StepsList::Inside;
            self.step_target = StepTarget::Steps;
            if let Some(frame) = frame {
                frame.tab_has_steps = true;
                self.steps_set = Some(frame.number);
                self.rendered.step_groups.push(StepGroup {
                    label: frame.label.clone(),
                    steps: Vec::new(),
                    steps_html: Vec::new(),
                });
            }
        } else if let Some(frame) = frame
            && Some(frame.number) == self.steps_set
            && !frame.tab_has_steps
            && self.steps_list == StepsList::Done
        {
            frame.tab_has_steps = true;
            self.rendered.step_groups.push(StepGroup {
                label: frame.label.clone(),
                steps: Vec::new(),
                steps_html: Vec::new(),
            });
            self.step_target = StepTarget::Group(self.rendered.step_groups.len() - 1);
            self.steps_list = StepsList::Inside;
        }
    }

    /// Keeps the words of adjacent blocks apart in the plain text.
    pub(super) fn separate_words(&mut self) {
        self.rendered.text.push(' ');
        if let Some(step) = &mut self.step_text {
            step.push(' ');
        }
    }
}
