"""A synthetic survey file that follows the Cuenca staff survey of `004`.

Fortunoff et al. (2025) report, for an anonymous survey of Cuenca's municipal
staff: 78.6 % with relatives or friends in the US; 40.8 % with ties to
Americans living in Cuenca; 92 % unaware of sister-city relationships with
US cities and 6 % naming Newark and Peekskill; 43 % calling Cuenca's sister
city relationships very or somewhat positive and 34 % neither good nor bad;
and the US–Ecuador relationship perceived as strong by 30.1 % of the 103 with
family or friends in the US and 32.1 % of the 28 without.

The paper gives percentages, not the file. The answers below are synthetic:
counts chosen so that each percentage comes out on the base the paper states,
at the precision it prints:

- 131 respondents (103 + 28, the two bases of the strength figures);
  "approximately eight in ten employees ... who responded" (78.6 per cent):
  103 / 131 = 78.63 % → 78.6;
- "40.8 per cent of the participants" with ties to Americans in Cuenca: no
  count of 131 gives 40.8 (53 / 131 = 40.5, 54 / 131 = 41.2), so the base is
  those who answered: 51 of 125 (6 "prefer not to say") = 40.8 %, a *valid*
  percentage;
- "92 per cent of respondents reported no awareness ... only 6 per cent
  correctly identifying": of all 131 respondents, 121 (92.4 % → 92) and 8
  (6.1 % → 6); 2 named other cities;
- "43 per cent of all respondents" very or somewhat positive: 56 of all 131
  (42.7 % → 43: 20 very + 36 somewhat), *not* of those who answered (56 of
  113 would be 49.6 %); "thirty-four per cent" neither good nor bad: 45 of 131
  (34.4 % → 34); 12 negative; 18 left the question blank (the paper gives no
  count of non-answers: that number is ours);
- strength "strong": 31 of 103 = 30.10 % → 30.1 and 9 of 28 = 32.14 % → 32.1.

Other questions (contact channels, years of service, department, a free-text
"why") are invented to exercise multiple response, numbers, an identifying
question and the free-text export. Answers are dealt out with a fixed seed.

Run ``python tests/research/survey/cuenca.py FOLDER`` to write the files.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

N = 131

#: The paper's figures: (question, code or share, the figure as printed, its base).
#: ``all`` is every respondent; ``answered`` those who gave an answer.
PAPER_FIGURES = (
    ("family_us", "1", "78.6", "all"),
    ("americans_cuenca", "1", "40.8", "answered"),
    ("aware", "1", "92", "all"),
    ("aware", "2", "6", "all"),
    ("opinion", "positive", "43", "all"),
    ("opinion", "3", "34", "all"),
)

QUOTES = [
    "It would support Ecuadorians living in the US and foreigners living in Cuenca.",
    "More could be achieved if there were greater cooperation.",
    "With the number of foreigners from the USA living in Cuenca and the number of "
    "Cuencanos living in the USA, the sister city should be more visible and real.",
    "There is little citizen participation.",
    "Companies and universities do not cooperate enough.",
    "It could connect us with the diaspora.",
]

MAP: dict[str, Any] = {
    "respondent_id": "response_id",
    "identifying": ["email"],
    "missing": {"99": "prefer not to say"},
    "questions": [
        {
            "id": "family_us",
            "column": "Q1",
            "text": "Do you have relatives or friends living in the United States?",
            "type": "single",
            "labels": {"1": "Yes", "2": "No"},
        },
        {
            "id": "americans_cuenca",
            "column": "Q2",
            "text": "Do you have ties with Americans residing in Cuenca?",
            "type": "single",
            "labels": {"1": "Yes", "2": "No"},
        },
        {
            "id": "strength",
            "column": "Q3",
            "text": "How strong is the relationship between Ecuador and the United States?",
            "type": "likert",
            "labels": [
                ["1", "Very weak"],
                ["2", "Weak"],
                ["3", "Neither weak nor strong"],
                ["4", "Strong"],
                ["5", "Very strong"],
            ],
        },
        {
            "id": "aware",
            "column": "Q4",
            "text": "Do you know of sister city relationships between Cuenca and US cities?",
            "type": "single",
            "labels": [
                ["1", "No"],
                ["2", "Yes: Newark and Peekskill"],
                ["3", "Yes: other cities"],
            ],
        },
        {
            "id": "opinion",
            "column": "Q5",
            "text": "How do you see the sister city relationships between Cuenca and other cities?",
            "type": "likert",
            "labels": [
                ["1", "Very negative"],
                ["2", "Somewhat negative"],
                ["3", "Neither good nor bad"],
                ["4", "Somewhat positive"],
                ["5", "Very positive"],
            ],
        },
        {
            "id": "opinion_why",
            "column": "Q5b",
            "text": "Why?",
            "type": "text",
        },
        {
            "id": "contact",
            "column": "Q6",
            "text": "How do you keep in touch with people in the US?",
            "type": "multiple",
            "delimiter": ";",
            "labels": {
                "phone": "Phone or messaging",
                "social": "Social media",
                "visits": "Visits",
                "remit": "Sending or receiving remittances",
            },
        },
        {"id": "years", "column": "Q7", "text": "Years working for the city", "type": "number"},
        {
            "id": "department",
            "column": "Q8",
            "text": "Department",
            "type": "single",
            "identifying": True,
            "labels": {"adm": "Administration", "cul": "Culture", "int": "International"},
        },
    ],
}


def _deal(rng: random.Random, counts: dict[str, int]) -> list[str]:
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


def rows(seed: int = 2024) -> list[dict[str, str]]:
    """The 131 answer rows (column → cell text), in a shuffled file order."""
    rng = random.Random(seed)
    family = ["1"] * 103 + ["2"] * 28
    strength = _deal(rng, {"1": 8, "2": 22, "3": 35, "4": 31, "5": 7})
    strength += _deal(rng, {"1": 3, "2": 6, "3": 8, "4": 9, "5": 2})
    americans = _deal(rng, {"1": 51, "2": 74, "99": 6})
    aware = _deal(rng, {"1": 121, "2": 8, "3": 2})
    opinion = _deal(rng, {"1": 4, "2": 8, "3": 45, "4": 36, "5": 20, "": 18})
    out = []
    for i in range(N):
        row = {
            "Q1": family[i],
            "Q2": americans[i],
            "Q3": strength[i],
            "Q4": aware[i],
            "Q5": opinion[i],
        }
        row["Q5b"] = QUOTES[i % len(QUOTES)] if opinion[i] and i % 4 == 0 else ""
        row["Q6"] = _contact(rng) if family[i] == "1" else ""
        row["Q7"] = str(rng.randint(1, 30))
        row["Q8"] = rng.choice(["adm", "adm", "cul", "int"])
        row["email"] = f"staff{i}@cuenca.example" if i % 9 == 0 else ""
        out.append(row)
    rng.shuffle(out)
    return [{"response_id": f"R_{1000 + i}", **row} for i, row in enumerate(out)]


def _contact(rng: random.Random) -> str:
    options = ["phone", "social", "visits", "remit"]
    chosen = [o for o, p in zip(options, (0.9, 0.6, 0.2, 0.3), strict=True) if rng.random() < p]
    return ";".join(chosen)


def write(folder: Path) -> tuple[Path, Path]:
    """Write ``responses.csv`` and ``map.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = rows()
    csv_path, map_path = folder / "responses.csv", folder / "map.json"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    map_path.write_text(json.dumps(MAP, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return csv_path, map_path


if __name__ == "__main__":
    write(Path(sys.argv[1]))
