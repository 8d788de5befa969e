"""Register tables at scale: first rows, sorts, filters and search, each beside its raw SQL floor.

When the GUI's table models are importable, the figure is the model's: set the query, then
read the first screenful's rows (the model loads their page); otherwise core.queries seqs() +
rows() of the first screenful. Painting that screen in a 1280x800 QTableView is measured on its
own (`measure_paint`), beside a QStandardItemModel holding the same texts.
The floor is the SQL behind it alone: the same statements run with fetchall, no Python rows.
"""
from __future__ import annotations

import random
import re

from fazhi_desktop.core import queries, search
from fazhi_desktop.core.queries import TableQuery

from timing import Result, median, percentile, runs

SCREEN_ROWS = 40
TABLE_TARGET = 0.200
SEARCH_TARGET = 0.050
SEARCH_QUERIES = 50


class TableDriver:
    """Shows a TableQuery the way the app does: through the GUI model when there is one."""

    def __init__(self, registry):
        self.registry = registry
        self.conn = registry.store.conn
        self.models, self.views = {}, {}
        self.through = "core.queries"
        try:
            from PySide6.QtWidgets import QApplication, QTableView

            from fazhi_desktop.gui.models.register_model import RegisterModel

            self.app = QApplication.instance() or QApplication(["bench"])
            for kind in ("proposal", "suggestion"):
                self.models[kind] = RegisterModel(registry, kind)
            try:
                from fazhi_desktop.gui.pages.mediation import MediationModel

                self.models["mediation"] = MediationModel(registry)
            except (ImportError, TypeError):
                pass
            for kind, model in self.models.items():
                view = QTableView()
                view.setModel(model)
                view.resize(1280, 800)
                view.show()
                self.views[kind] = view
            self.through = "GUI 表格模型（不含绘制）"
        except ImportError:
            pass

    def show(self, q: TableQuery) -> int:
        model = self.models.get(q.kind)
        if model is None:
            found = queries.seqs(self.conn, q)
            queries.rows(self.conn, q.kind, found[:SCREEN_ROWS])
            return len(found)
        model.set_query(q)
        for row in range(min(SCREEN_ROWS, model.rowCount())):
            model.data(model.index(row, 0))
        return model.rowCount()

    def paint(self, kind: str) -> None:
        self.views[kind].viewport().grab()  # paints now: every visible cell, every role

    def floor(self, q: TableQuery) -> None:
        first = []
        for sql, params in queries.seq_statements(q):
            got = self.conn.execute(sql, params).fetchall()
            first = first or got[:SCREEN_ROWS]
        if first:
            columns = ", ".join(queries._ROW_COLUMNS[q.kind])
            marks = ", ".join("?" * len(first))
            self.conn.execute(f"SELECT seq, {columns} FROM {q.kind} WHERE seq IN ({marks})",
                              [r[0] for r in first]).fetchall()


def table_cases(registry) -> list:
    """(label, TableQuery) for the first rows, each sort and each filter."""
    conn = registry.store.conn
    session = queries.distinct_values(conn, "proposal", "session")[-1]
    committee = queries.distinct_values(conn, "mediation", "committee")[0]
    unit = queries.distinct_values(conn, "petition", "unit")[0]
    first = TableQuery("proposal", order_by="number", descending=False)
    cases = [("提案：首屏（默认按编号）", first),
             ("调解：首屏（默认按受理日期）", TableQuery("mediation", order_by="accepted_date")),
             ("信访：首屏（按月份）", TableQuery("petition", order_by="period", descending=False))]
    for column in ("title", "due_date", "status", "updated_at"):
        cases.append((f"提案：按 {column} 排序（降序）", TableQuery("proposal", order_by=column)))
    for column in ("amount", "party_names"):
        cases.append((f"调解：按 {column} 排序", TableQuery("mediation", order_by=column, descending=False)))
    filters = [("届次", dict(session=session)), ("状态=办理中", dict(status="in_progress")),
               ("办理结果=A", dict(result_class="A")), ("年度=2021", dict(year=2021)),
               ("已超期", dict(overdue_only=True)), ("14天内到期", dict(due_soon_only=True))]
    for label, values in filters:
        cases.append((f"提案：筛选 {label}", TableQuery("proposal", order_by="number", descending=False,
                                                    **values)))
    for label, values in [("调委会", dict(committee=committee)), ("纠纷类型=邻里", dict(dispute_type="邻里")),
                          ("结果=调解中", dict(outcome="pending")), ("月份=2022-05", dict(month="2022-05")),
                          ("年度=2023", dict(year=2023))]:
        cases.append((f"调解：筛选 {label}", TableQuery("mediation", order_by="accepted_date", **values)))
    cases.append(("信访：筛选 单位+年度", TableQuery("petition", unit=unit, year=2024, order_by="period")))
    return cases


def measure_paint(driver, kind: str, n: int, log=print) -> list:
    """Painting one screen of the register: the GUI model vs a QStandardItemModel of the same texts."""
    if kind not in driver.views:
        return []
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = driver.models[kind]
    driver.show(TableQuery(kind, order_by="number", descending=False))
    plain = QStandardItemModel(SCREEN_ROWS, model.columnCount())
    for row in range(min(SCREEN_ROWS, model.rowCount())):
        for column in range(model.columnCount()):
            plain.setItem(row, column, QStandardItem(str(model.data(model.index(row, column)) or "")))
    view = QTableView()
    view.setModel(plain)
    view.resize(1280, 800)
    view.show()
    value = median(runs(lambda: driver.paint(kind), n, warm=1))
    floor = median(runs(lambda: view.viewport().grab(), n, warm=1))
    log(f"  paint {kind}: {value * 1000:.1f} ms (plain model {floor * 1000:.1f} ms)")
    return [Result("提案表格：绘制一屏（1280×800，每格每种角色）", value, floor, None,
                   note="GUI 模型 data() 逐格调用；地板：QStandardItemModel 同样文字")]


def measure_tables(registry, n: int, log=print) -> list:
    driver = TableDriver(registry)
    results = []
    for label, q in table_cases(registry):
        count = driver.show(q)
        value = median(runs(lambda: driver.show(q), n))
        floor = median(runs(lambda: driver.floor(q), n))
        results.append(Result(label, value, floor, TABLE_TARGET,
                              note=f"{count} 行；{driver.through}"))
        log(f"  {label}: {value * 1000:.1f} ms (floor {floor * 1000:.1f} ms, {count} rows)")
    paint = measure_paint(driver, "proposal", n, log=log)
    if paint:
        # What the clerk waits for on opening the register: the query and the first paint.
        first = results[0]
        results.insert(1, Result("提案：首屏显示（查询+绘制）", first.value + paint[0].value,
                                 first.floor + paint[0].floor, TABLE_TARGET,
                                 note="上一行 + 绘制一屏；地板同样相加"))
        results += paint
    return results


_RUN = re.compile(r"[^\W_]+")


def sample_terms(registry, kind: str, length: int, count: int = SEARCH_QUERIES, seed: int = 7) -> list:
    """Terms as clerks type them: substrings of real records' text, so common words come up often."""
    rng = random.Random(seed * 100 + length)
    conn = registry.store.conn
    top = conn.execute(f"SELECT max(seq) FROM {kind}").fetchone()[0]
    terms = []
    while len(terms) < count:
        row = conn.execute(f"SELECT data FROM {kind} WHERE seq >= ? LIMIT 1",
                           (rng.randint(1, top),)).fetchone()
        import json

        text = " ".join(str(t) for t in search.record_texts(kind, json.loads(row[0])) if t)
        runs_ = [r for r in _RUN.findall(text) if len(r) >= length and re.match(r"[\u4e00-\u9fff]+$", r)]
        if runs_:
            run = rng.choice(runs_)
            start = rng.randrange(len(run) - length + 1)
            terms.append(run[start:start + length])
    return terms


def measure_search(registry, kind: str, length: int, *, count: int = SEARCH_QUERIES,
                   log=print) -> Result:
    driver = TableDriver(registry)
    conn = registry.store.conn
    terms = sample_terms(registry, kind, length, count)
    order = "number" if kind != "mediation" else "accepted_date"
    values, floors, hits = [], [], []
    for term in terms:
        q = TableQuery(kind, search=term, order_by=order, descending=(kind == "mediation"))
        sql, params = search.matching_seqs_sql(kind, term)
        hits.append(driver.show(q))  # warm
        values.append(runs(lambda: driver.show(q), 1)[0])
        floors.append(runs(lambda: conn.execute(sql, params).fetchall(), 1)[0])
    p50, p95 = percentile(values, 50), percentile(values, 95)
    f50, f95 = percentile(floors, 50), percentile(floors, 95)
    label = "提案" if kind == "proposal" else "调解"
    log(f"  search {kind} {length}: p50 {p50 * 1000:.1f} p95 {p95 * 1000:.1f} ms "
        f"(FTS alone p50 {f50 * 1000:.1f} p95 {f95 * 1000:.1f}); hits median {median(hits)}")
    return Result(f"{label}：搜索{length}字词（{len(terms)}个，p95）", p95, f95, SEARCH_TARGET,
                  value_text=f"p50 {p50 * 1000:.1f} / p95 {p95 * 1000:.1f} ms",
                  note=f"地板 p50 {f50 * 1000:.1f} ms；命中中位数 {median(hits):.0f} 条；"
                       f"例：{'、'.join(terms[:4])}")
