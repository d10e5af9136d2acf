"""Reading results to people: text summaries and plots, by kind of result."""
