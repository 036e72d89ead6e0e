"""The starting words of a new guide's two framing pages. Each guide keeps its own copy in its
GuidePage ("About this guide" and "How to use this guide"), which its editors change in the
admin; nothing here is about one programme."""

ABOUT = """This guide brings together what people learned while doing this work, so that others
can do it too.

It was written with the people it is about. Older people, carers and experts by experience
checked it before it was published.

## What is in it

- **Chapters** with practical steps, tools and what people learned along the way.
- **Practice examples** from councils, providers and community groups, grouped by theme.
- **Terms and abbreviations**, so you can look up words you do not know.
- **Useful websites** where you can find out more.

## Reusing this guide

You may copy, print and share this guide. Please say where it came from.
"""

HOW_TO_USE = """You do not need to read the guide from start to finish. Start with whatever
matters to you now.

## Find what you need

- Use **Search** at the top of each page. Type a word such as "carers" or "direct payment".
- Use the **menu** to go to a chapter or a theme.
- Each practice example has **tags**. Select a tag to see other examples like it.

## Make the text bigger

Select **Large print** at the top of any page. The guide remembers your choice. You can also
use your browser's zoom (hold Ctrl and press +).

## Print it or save it

- **Print the whole guide** puts every page on one long page, ready to print.
- The **PDF** is the whole guide in one file. There is a large print PDF too.

## Easy Read

Some chapters have an Easy Read version. Look for the link at the top of the chapter.
"""
