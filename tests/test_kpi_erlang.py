"""Erlang C against Call Centre Helper's published worked example ("Erlang C Formula -
Made Simple With an Easy Worked Example"): 100 calls in 30 minutes, AHT 180 s, 80% in
20 s, 30% shrinkage -> 10 Erlangs; 11 agents: P(wait) 68.2%, service level 39.1%;
14 agents needed (service level 88.8%, ASA 7.8 s, occupancy 71.4%); 20 to schedule."""

from __future__ import annotations

import math

import pytest

from app.kpi import erlang


def test_traffic_intensity() -> None:
    assert erlang.traffic(100, 180, 1800) == pytest.approx(10.0)


def test_published_example_with_11_agents() -> None:
    assert erlang.erlang_c(11, 10.0) == pytest.approx(0.682, abs=0.0005)
    assert erlang.service_level(11, 10.0, 180, 20) == pytest.approx(0.391, abs=0.0015)


def test_published_example_agents_needed() -> None:
    s = erlang.agents_needed(100, 180, 1800, 0.80, 20, shrinkage=0.30)
    assert s.erlangs == pytest.approx(10.0)
    assert s.agents == 14
    assert s.service_level == pytest.approx(0.888, abs=0.001)
    assert s.asa_seconds == pytest.approx(7.8, abs=0.05)
    assert s.occupancy == pytest.approx(0.714, abs=0.0005)
    assert s.scheduled == 20
    # 13 agents would not do: just under 80%
    assert erlang.service_level(13, 10.0, 180, 20) < 0.80


def test_service_level_rises_with_agents() -> None:
    levels = [erlang.service_level(n, 10.0, 180, 20) for n in range(10, 20)]
    assert levels == sorted(levels) and levels[0] == 0.0


def test_edges() -> None:
    assert erlang.agents_needed(0, 180, 1800, 0.8, 20).agents == 0
    assert erlang.erlang_c(5, 5.0) == 1.0
    assert math.isinf(erlang.asa(5, 6.0, 180))
    big = erlang.agents_needed(20_000, 240, 1800, 0.9, 15)  # 2,667 Erlangs: no overflow
    assert big.agents > big.erlangs and big.service_level >= 0.9
    assert erlang.agents_needed(100, 180, 1800, 0.8, 20, max_occupancy=0.70).agents == 15
