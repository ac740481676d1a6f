"""AppTest: a reviewer decides pairs one after another; each decision lands on the pair shown."""
import duckdb

from tests.test_pages_provinces import REVIEWER_40


def pair_ids(db) -> list[str]:
    """Every candidate pair of the database, as the picker names its values."""
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT list_id, name_key, central_list_id, central_key FROM provincial_overlap "
                       "WHERE central_key IS NOT NULL").fetchall()
    con.close()
    return ["\x1f".join(r) for r in rows]


def submit(at, decision: str, pick: int | None = None, db=None) -> None:
    if pick is not None:   # AppTest's select_index passes the label as the value: choose by value
        box = at.selectbox(key="review_pick")
        by_label = {box.format_func(p): p for p in pair_ids(db)}
        box.set_value(by_label[box.options[pick]])
    at.radio(key="review_decision").set_value(decision)
    [b for b in at.button if "FormSubmitter:review_form" in (b.key or "")][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def test_three_decisions_in_a_row_land_on_the_pairs_the_picker_showed(writable_app, db):
    at = writable_app("pages/provinces.py", user=REVIEWER_40, province="40")
    decided = []
    # the second pair first (a position-keyed picker recorded the next decision on another pair),
    # then the first one twice: a dismissed candidate gives way to the next for the same platform
    for i, (decision, which) in enumerate([("confirm", -1), ("dismiss", 0), ("dismiss", 0)], start=1):
        options = at.selectbox(key="review_pick").options
        label = options[which]
        local = label.split(" → ")[0]
        assert not local.strip().isdigit() and len(local) > 5, label   # a name, not a row number
        submit(at, decision, which % len(options), db)
        assert f"Đã ghi kết luận #{i}." in [s.value for s in at.success]
        decided.append((decision, label.rsplit(" (", 1)[0]))
        left = at.selectbox(key="review_pick").options if i < 3 else []
        assert label not in left   # the decided pair has left the picker
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT d.decision, p.name || ' → ' || c.name FROM overlap_decision d
                          JOIN platform_current p ON p.list_id = d.list_id AND p.name_key = d.name_key
                          JOIN platform_current c ON c.list_id = d.central_list_id AND c.name_key = d.central_key
                          ORDER BY d.decision_id""").fetchall()
    count = con.execute("SELECT count(*) FROM overlap_decision").fetchall()[0][0]
    con.close()
    assert rows == decided and count == 3 and len({r[1] for r in rows}) == 3


def test_a_confirmed_pair_is_no_longer_called_a_possible_duplicate(writable_app, db):
    at = writable_app("pages/provinces.py", user=REVIEWER_40, province="40")
    submit(at, "confirm", 0, db)
    table = next(d.value for d in at.dataframe if "Đối chiếu" in d.value.columns and len(d.value) == 8)
    row = table[table["Tên nền tảng"] == "Cơ sở dữ liệu ngành khoa học và công nghệ tỉnh Nghệ An"].iloc[0]
    assert (row["Đối chiếu"], row["Rà soát"]) == ("trùng lặp (đã xác nhận)", "đã xác nhận")
