"""The month names a story's dates are shown and read with, in Arabic and English."""

# The month names used in Morocco (and by Hespress): the French-derived
# series, so October is أكتوبر as in the article, August is غشت.
MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
