"""Generate src/sistercities/data/countries.csv (run once; kept for provenance)."""

import csv
import sys

import pycountry

L = "AF BF BI CF TD CD ER ET GM GW KP LR MG MW ML MZ NE RW SL SO SS SD SY TG UG YE"
LM = (
    "AO BD BJ BT BO CV KH CM KM CG CI DJ EG SZ GH GN HT HN IN JO KE KI KG LA LB LS MR FM MA MM "
    "NP NI NG PK PG PH WS ST SN SB LK TJ TZ TL TN UZ VU VN PS ZM ZW NA"
)
UM = (
    "AL DZ AR AM AZ BY BZ BA BW BR CN CO CR CU DM DO EC SV GQ FJ GA GE GD GT ID IR IQ JM KZ XK LY "
    "MY MV MH MU MX MD MN ME MK PY PE RS ZA LC VC SR TH TO TR TM TV UA AS"
)
H = (
    "AD AG AW AU AT BS BH BB BE BM VG BN BG CA KY CL HR CW CY CZ DK EE FO FI FR PF DE GI GR "
    "GL GU "
    "GY HK HU IS IE IM IL IT JP KR KW LV LI LT LU MO MT MC NR NL NC NZ MP NO OM PW PA PL PT "
    "PR QA RO "
    "RU SM SA SC SG SX SK SI ES KN MF SE CH TW TT TC AE GB US UY VI JE GG"
)
FED = "AR AU AT BE BA BR CA KM ET DE IN IQ MY MX FM NP NG PK RU KN SO ZA ES SD SS CH AE US VE"
tier = {}
for grp, codes in (("low", L), ("lower_middle", LM), ("upper_middle", UM), ("high", H)):
    for c in codes.split():
        assert c not in tier, c
        tier[c] = grp
fed = set(FED.split())
rows = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
rows.append(("XK", "Kosovo"))
for c in tier:
    assert c in {r[0] for r in rows}, c
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["code", "name", "income_group", "government_system"])
for code, name in sorted(rows):
    w.writerow([code, name, tier.get(code, ""), "federal" if code in fed else "unitary"])
