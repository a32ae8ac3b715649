"""The supervisor's KPI panel, wallboard and customer analytics (figures from app.kpi)."""
