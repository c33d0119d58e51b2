"""Text of the lessons of customer development (crmsim.lessons.development)."""

from . import register

register({
    "lessons.lesson.referrals_convert_best": (
        "Referrals win the most customers per contact",
        "连锁介绍每次接触获得的客户最多"),
    "lessons.lesson.referrals_little_volume": (
        "Referrals bring under 10% of the leads: customers give only so many",
        "连锁介绍带来的线索不足10%：现有客户能介绍的数量有限"),
    "lessons.lesson.face_to_face_costliest_contact": (
        "A face-to-face meeting is the costliest contact",
        "面谈是成本最高的接触方式"),
    "lessons.lesson.face_to_face_leads_convert_best": (
        "Leads met face to face are won most often",
        "面谈得到的线索成交率最高"),
    "lessons.lesson.cheapest_contact_not_cheapest_customer": (
        "The cheapest contact is not the cheapest customer: it costs at least 1.5 times the cheapest per customer won",
        "最便宜的接触方式并不是获客最便宜的：其每位客户成本至少是最低者的1.5倍"),
    "lessons.lesson.funnel_never_rises": (
        "The funnel never rises: no step has more prospects than the one before",
        "漏斗从不上升：没有哪一步的客户数多于上一步"),
})
