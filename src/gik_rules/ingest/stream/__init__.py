"""The form-driven table reader for text: labels and figures anchored on the form's labels.

Whatever the layout (tab-indented cells, pipe rows, Markdown tables, one cell a line,
figures separated by spaces, whole tables flattened into running text), the text of a
table is turned into a stream of label matches and figures, and the figures between two
labels are the cells of the row the first one names. Everything the reader knows about
tables, rows, columns, labels and identities comes from the form-variant data.
"""
