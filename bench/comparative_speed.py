"""Speed of the comparative designs on a 63-province × 72-month panel (helpers.simulate).

Targets (issue 15): synthetic control with full placebo inference (every donor in space, 12
fake dates in time) for one province < 5 s; the event study over all provinces < 10 s. Also
times synthetic DiD (every donor as placebo). Prints the machine's load beside the times.

    nice -n 10 .venv/bin/python bench/comparative_speed.py
"""

from __future__ import annotations

import os
import sys
import time

from helpers.effects import event_study, synthetic_control, synthetic_did
from helpers.simulate import simulate_panel

TARGETS = {"synthetic_control": 5.0, "event_study": 10.0}


def main() -> int:
    units = [(f"Province {i:02d}", "") for i in range(63)]
    panel, truth = simulate_panel(units, schemes=("voluntary_si",), base_new=(300.0, 3000.0),
                                  sigma=0.04, dispersion=0.002, never_treated=0.3,
                                  campaign_rate_ratio=1.3, common_shocks={"2023-03": 1.4},
                                  seed=15)
    panel = panel[["province", "month", "new_participants"]]
    camps = truth[truth["intervention"] == "provincial_campaign"]
    treatments = camps.rename(columns={"province": "unit"})[["unit", "start", "end"]]
    first = camps.sort_values("start").iloc[0]
    window = (first.start, first.end)
    runs = {
        "synthetic_control": lambda: synthetic_control(panel, first.province, window),
        "synthetic_did": lambda: synthetic_did(panel, first.province, window),
        "event_study": lambda: event_study(panel, treatments),
    }
    print(f"63 provinces × 72 months; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    ok = True
    for name, run in runs.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - started)
        target = TARGETS.get(name)
        passed = target is None or min(times) < target
        ok &= passed
        print(f"{name:18} best {min(times):5.2f} s, median {sorted(times)[1]:5.2f} s"
              f"{f' (target < {target:.0f} s)' if target else ''} {'ok' if passed else 'SLOW'}"
              f"   effect {result.effect}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
