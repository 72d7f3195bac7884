use crate::ParseOptions;
use nblint_model::Document;

pub fn parse(text: String, _opts: &ParseOptions) -> Document {
    Document {
        text,
        ..Document::default()
    }
}
