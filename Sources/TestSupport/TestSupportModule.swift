// The TestSupport module; see DESIGN.md §1.
