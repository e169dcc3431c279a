"""Seed the working calendar with the cuti bersama in core/data/cuti_bersama.yaml.

Later changes to the data file are loaded with `manage.py load_working_calendar`
(which also records each change in the audit log); this migration only gives a
new installation the days known when it was written.
"""

from django.db import migrations


def load(apps, schema_editor):
    from sizi.core.workcalendar import load_calendar_data

    CalendarDay = apps.get_model("core", "CalendarDay")
    for change in load_calendar_data():
        CalendarDay.objects.get_or_create(
            day=change.day,
            defaults={
                "kind": change.kind,
                "name": change.name,
                "source": change.source,
                "origin": "data",
            },
        )


def unload(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.filter(origin="data").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_calendar_day")]

    operations = [migrations.RunPython(load, unload)]
