"""StreamField blocks shared by every app's pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Warning"), ("example", "Example")], default="tip"
    )
    heading = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "site_content/blocks/callout.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every content page may use."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="site_content/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
    )
    image = ImageBlock()
    callout = CalloutBlock()
