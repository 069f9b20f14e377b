"""Airports: importing them from airportsdata, finding them by code, city or name, and codes that move."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import async_sessionmaker

from tessera.config import Settings
from tessera.core.db import create_engine
from tessera.flights.airports import AirportRecord, import_airports
from tessera.server.cli import main

from .conftest import ClientFactory, _env
from .flight_helpers import airport_record

ALMATY = airport_record("ALA", "Almaty", "Almaty International Airport")
ASTANA = airport_record("NQZ", "Astana", "Nursultan Nazarbayev International Airport", tz="Asia/Qostanay")
ALANYA = airport_record("GZP", "Alanya", "Gazipasa-Alanya Airport", country="TR", tz="Europe/Istanbul")
MALAGA = airport_record("AGP", "Malaga", "Malaga Airport", country="ES", tz="Europe/Madrid")
BISHKEK = airport_record("FRU", "Bishkek", "Manas International Airport", country="KG", tz="Asia/Bishkek")


async def _import(settings: Settings, records: list[AirportRecord], countries: set[str] | None = None) -> str:
    engine = create_engine(settings.database, pooled=False)
    try:
        async with async_sessionmaker(engine)() as session:
            counts = await import_airports(session, records, source="test", countries=countries)
            await session.commit()
    finally:
        await engine.dispose()
    return f"{counts.added}/{counts.updated}/{counts.unchanged}/{counts.deactivated}/{counts.skipped}"


async def test_search_puts_the_code_first_then_cities_then_names(client: AsyncClient, settings: Settings) -> None:
    await _import(settings, [ALMATY, ASTANA, ALANYA, MALAGA, BISHKEK])

    def codes(response: object) -> list[str]:
        return [a["iata"] for a in response.json()["items"]]  # type: ignore[attr-defined]

    found = await client.get("/api/v1/airports", params={"q": "ala"})
    assert found.status_code == 200
    # ALA (the code itself), then Alanya (a city starting with it), then Malaga (a name containing it).
    assert codes(found) == ["ALA", "GZP", "AGP"]
    assert found.json()["items"][0] == {
        "iata": "ALA",
        "icao": None,
        "name": "Almaty International Airport",
        "city": "Almaty",
        "country": "KZ",
        "timezone": "Asia/Almaty",
    }
    assert codes(await client.get("/api/v1/airports", params={"q": "MANAS"})) == ["FRU"]
    assert codes(await client.get("/api/v1/airports", params={"q": "ala", "limit": 1})) == ["ALA"]
    assert codes(await client.get("/api/v1/airports", params={"q": "%"})) == []  # wildcards are literal
    assert codes(await client.get("/api/v1/airports", params={"q": "a_a"})) == []
    assert len(codes(await client.get("/api/v1/airports"))) == 5

    for bad in ({"limit": 0}, {"limit": 51}, {"q": "x" * 101}):
        refused = await client.get("/api/v1/airports", params=bad)
        assert refused.status_code == 400, bad
        assert refused.json()["code"] == "validation_error"

    one = await client.get("/api/v1/airports/nqz")
    assert one.status_code == 200
    assert one.json()["timezone"] == "Asia/Qostanay"
    missing = await client.get("/api/v1/airports/XXX")
    assert missing.status_code == 404
    assert missing.json()["code"] == "airport_not_found"


async def test_importing_again_updates_deactivates_and_lets_a_code_move(
    client_factory: ClientFactory, settings: Settings
) -> None:
    assert await _import(settings, [ALMATY, ASTANA, BISHKEK]) == "3/0/0/0/0"
    assert await _import(settings, [ALMATY, ASTANA, BISHKEK]) == "0/0/3/0/0"

    # Astana's airport is renamed; FRU disappears from the source; a broken row and a duplicate are skipped.
    renamed = airport_record("NQZ", "Astana", "Astana International Airport", tz="Asia/Qostanay")
    no_zone = airport_record("QQQ", "Nowhere", "No Zone Airport", tz="")
    assert await _import(settings, [ALMATY, renamed, no_zone, ALMATY]) == "0/1/1/1/2"
    client = await client_factory()
    assert (await client.get("/api/v1/airports/NQZ")).json()["name"] == "Astana International Airport"
    gone = await client.get("/api/v1/airports/FRU")
    assert gone.status_code == 404
    assert (await client.get("/api/v1/airports", params={"q": "bishkek"})).json()["items"] == []

    # The code comes back, for another airport: the old row stays (inactive), the new one answers.
    reassigned = airport_record("FRU", "Bishkek", "Bishkek New Airport", country="KG", tz="Asia/Bishkek")
    assert await _import(settings, [ALMATY, renamed, reassigned]) == "1/0/2/0/0"
    await asyncio.sleep(1.1)  # answers are kept for a second per process
    assert (await client.get("/api/v1/airports/FRU")).json()["name"] == "Bishkek New Airport"

    # An import of some countries leaves the others' airports alone.
    assert await _import(settings, [BISHKEK], countries={"KG"}) == "0/1/0/0/0"
    assert (await client.get("/api/v1/airports/ALA")).status_code == 200


def test_the_import_command_reads_airportsdata(database_url: str) -> None:
    env = _env(database_url)
    runner = CliRunner()
    dry = runner.invoke(main, ["import-airports", "--countries", "KZ,KG", "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert dry.output.startswith("Dry run, nothing written: added ")
    first = runner.invoke(main, ["import-airports", "--countries", "KZ,KG"], env=env)
    assert first.exit_code == 0, first.output
    added = int(first.output.split("added ")[1].split(",")[0])
    assert added >= 20  # Kazakhstan and Kyrgyzstan have a few dozen airports with IATA codes
    assert dry.output.split("added ")[1] == first.output.split("added ")[1]
    again = runner.invoke(main, ["import-airports", "--countries", "KZ,KG"], env=env)
    assert again.exit_code == 0, again.output
    assert f"added 0, updated 0, deactivated 0, unchanged {added}" in again.output
