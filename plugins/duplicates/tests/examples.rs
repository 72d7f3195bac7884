//! The rules' documented examples, run through the plugin ABI with the real parser.

use nblint_duplicates::declaration;
use nblint_plugin_api::testing;

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), |t| {
        nblint_parse::parse_text(t.into(), &Default::default())
    });
}
