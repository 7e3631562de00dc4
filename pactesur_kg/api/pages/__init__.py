"""Pages for people, in English, French and Italian: what they show (one module per page), the
frame they share (``frame``: header, navigation, language switch, footer; reusable by any
page), the words of the interface (``messages``), their maps and timelines (``figures``)."""
