"""Factories for units, users and memberships."""

from __future__ import annotations

import factory

from sizi.units.models import Membership, Unit, UnitLevel, User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    password = factory.django.Password("sandi-uji-123")


class UnitLevelFactory(factory.django.DjangoModelFactory[UnitLevel]):
    class Meta:
        model = UnitLevel
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"level{n}")
    name = factory.LazyAttribute(lambda o: o.code.title())
    rank = factory.Sequence(lambda n: n)


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    """Build a unit with a correct path (as `units.services.save_unit` would)."""

    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.LazyAttribute(lambda o: f"Unit {o.code}")
    level = factory.SubFactory(UnitLevelFactory)
    parent = None
    path = factory.LazyAttribute(
        lambda o: f"{o.parent.path if o.parent else ''}{o.code}/"
    )


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.TEAM
