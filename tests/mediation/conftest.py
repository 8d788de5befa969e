"""A two-party mediation case as a clerk registers it."""
from __future__ import annotations

import copy

import pytest

ZHANG_ID = "410402198005011233"     # valid check digit, born 1980-05-01
LI_ID = "11010519491231002X"        # the GB 11643 example, born 1949-12-31

CASE = {
    "case_number": "（2022）湛调字第15号",
    "committee": "阳光苑社区人民调解委员会",
    "mediators": ["王建国", "刘芳"],
    "accepted_date": "2022-08-01",
    "source": "application",
    "dispute_type": "邻里",
    "parties": [
        {"role": "applicant", "name": "张三", "sex": "男", "ethnicity": "汉族",
         "birth_date": "1980-05-01", "id_number": ZHANG_ID, "occupation": "个体经营",
         "address": "平顶山市湛河区阳光苑小区3号楼2单元501室", "phone": "13837512345"},
        {"role": "respondent", "name": "李四", "sex": "女", "ethnicity": "回族",
         "id_number": LI_ID, "address": "平顶山市湛河区阳光苑小区3号楼2单元401室",
         "phone": "0375-2818989"},
    ],
    "facts": "被申请人家中卫生间漏水，致申请人家中天花板受损，双方就维修及赔偿发生争议。",
    "outcome": "success",
    "agreement": {"terms": "一、被申请人于2022年8月20日前修复卫生间防水。\n二、被申请人赔偿申请人维修费3000元。",
                  "performance_method": "现金一次性支付", "performance_deadline": "2022-08-20",
                  "copies": 3},
    "amount": 3000,
    "performance": "performed",
    "closed_date": "2022-08-10",
    "followups": [{"date": "2022-09-01", "summary": "双方已按协议履行，邻里关系和睦。"}],
}


@pytest.fixture
def two_party_case() -> dict:
    return copy.deepcopy(CASE)
