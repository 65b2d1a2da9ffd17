// The MetaGraph module; see DESIGN.md §1.
