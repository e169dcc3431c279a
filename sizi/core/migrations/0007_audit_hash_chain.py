"""Chain the audit log: every event gets a sequence number and a hash that
covers its content and the previous event's hash (decision 0004).

Existing rows are chained in the order they happened (time, then id). The
append-only triggers of 0003 are lifted only for that, inside this migration's
transaction, and put back afterwards (SQLite also loses them when Django
rebuilds the table for the new unique column).
"""

import importlib

import django.utils.timezone
from django.db import migrations, models

from sizi.core.audit_chain import GENESIS, HASHED_FIELDS, event_hash

append_only = importlib.import_module("sizi.core.migrations.0003_audit_append_only")


def chain_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    append_only.reverse(apps, schema_editor)
    prev_hash, seq, last_at = GENESIS, 0, None
    fields = [name for name in HASHED_FIELDS if name != "seq"]
    for row in AuditEvent.objects.order_by("at", "id").values("id", *fields):
        seq += 1
        digest = event_hash(prev_hash, {**row, "seq": seq})
        AuditEvent.objects.filter(pk=row["id"]).update(
            seq=seq, prev_hash=prev_hash, hash=digest
        )
        prev_hash, last_at = digest, row["at"]
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"seq": seq, "hash": prev_hash, "at": last_at}
    )
    append_only.forward(apps, schema_editor)


def unchain(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("core", "AuditChainHead").objects.all().delete()


def restore_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    """On reversal, put back the triggers that SQLite's table rebuild dropped."""
    append_only.reverse(apps, schema_editor)
    append_only.forward(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_jobs_and_schedule'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_triggers),
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveBigIntegerField(default=0, verbose_name='urutan terakhir')),
                ('hash', models.CharField(max_length=64, verbose_name='hash terakhir')),
                ('at', models.DateTimeField(blank=True, null=True, verbose_name='waktu terakhir')),
            ],
            options={
                'verbose_name': 'kepala rantai audit',
                'verbose_name_plural': 'kepala rantai audit',
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='hash'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='hash sebelumnya'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, unique=True, verbose_name='urutan rantai'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='waktu'),
        ),
        migrations.RunPython(chain_existing, unchain),
    ]
