// The Sync module; see DESIGN.md §1.
