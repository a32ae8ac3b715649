"""Contact-center KPIs by the definitions in DESIGN.md, computed with SQL aggregates on
both engines; no Qt, so the CLI, the panel's worker threads and the tests share them."""
