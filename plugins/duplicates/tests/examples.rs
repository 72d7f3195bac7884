//! The rules' documented examples, run through the plugin ABI with the real parser.

use nblint_duplicates::declaration;
use nblint_plugin_api::testing;
use nblint_test_support::parse_text;

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), parse_text);
}
