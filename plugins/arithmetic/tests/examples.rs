//! Every rule's documented examples, run through the plugin ABI on the
//! text the real parser reads.

use nblint_arithmetic::declaration;
use nblint_plugin_api::testing;

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), |t| {
        nblint_parse::parse_text(t.into(), &Default::default())
    });
}
