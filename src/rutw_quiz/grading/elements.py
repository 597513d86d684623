"""The chemical elements' symbols: a chemist writes 'Po' for polonium and 'Ra-226' for radium-226.

A teacher takes an element's symbol for its name on any deck, so an answer that is an element's
name (alone, or with a mass number: an isotope) is also accepted as its symbol; and an answer that
is a symbol, written as one ('Rn'), as the element's name. The table is IUPAC's, in order of atomic
number, with the other English spellings of a few names.
"""

from __future__ import annotations

from functools import cache

_TABLE = """
H hydrogen, He helium, Li lithium, Be beryllium, B boron, C carbon, N nitrogen, O oxygen,
F fluorine, Ne neon, Na sodium, Mg magnesium, Al aluminium aluminum, Si silicon, P phosphorus,
S sulfur sulphur, Cl chlorine, Ar argon, K potassium, Ca calcium, Sc scandium, Ti titanium,
V vanadium, Cr chromium, Mn manganese, Fe iron, Co cobalt, Ni nickel, Cu copper, Zn zinc,
Ga gallium, Ge germanium, As arsenic, Se selenium, Br bromine, Kr krypton, Rb rubidium,
Sr strontium, Y yttrium, Zr zirconium, Nb niobium, Mo molybdenum, Tc technetium, Ru ruthenium,
Rh rhodium, Pd palladium, Ag silver, Cd cadmium, In indium, Sn tin, Sb antimony, Te tellurium,
I iodine, Xe xenon, Cs caesium cesium, Ba barium, La lanthanum, Ce cerium, Pr praseodymium,
Nd neodymium, Pm promethium, Sm samarium, Eu europium, Gd gadolinium, Tb terbium,
Dy dysprosium, Ho holmium, Er erbium, Tm thulium, Yb ytterbium, Lu lutetium, Hf hafnium,
Ta tantalum, W tungsten, Re rhenium, Os osmium, Ir iridium, Pt platinum, Au gold, Hg mercury,
Tl thallium, Pb lead, Bi bismuth, Po polonium, At astatine, Rn radon, Fr francium, Ra radium,
Ac actinium, Th thorium, Pa protactinium, U uranium, Np neptunium, Pu plutonium, Am americium,
Cm curium, Bk berkelium, Cf californium, Es einsteinium, Fm fermium, Md mendelevium,
No nobelium, Lr lawrencium, Rf rutherfordium, Db dubnium, Sg seaborgium, Bh bohrium,
Hs hassium, Mt meitnerium, Ds darmstadtium, Rg roentgenium, Cn copernicium, Nh nihonium,
Fl flerovium, Mc moscovium, Lv livermorium, Ts tennessine, Og oganesson
"""


@cache
def _symbols() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Element name (lower case) -> symbol; symbol -> its names."""
    by_name: dict[str, str] = {}
    by_symbol: dict[str, tuple[str, ...]] = {}
    for entry in _TABLE.replace("\n", " ").split(","):
        symbol, *names = entry.split()
        by_symbol[symbol] = tuple(names)
        for name in names:
            by_name[name] = symbol
    return by_name, by_symbol


def element_symbol(name: str) -> str | None:
    """'polonium' -> 'Po' (any case of the name); None for a word that names no element."""
    return _symbols()[0].get(name.casefold())


def element_names(symbol: str) -> tuple[str, ...]:
    """'Rn' -> ('radon',): the names of the element this symbol is, written as a symbol is (one
    capital, then lower case); () otherwise ('RN', 'rn' and 'In' as typed in a sentence are read
    as the symbols they look like only when so written)."""
    return _symbols()[1].get(symbol, ())


def symbol_spellings(text: str) -> list[str]:
    """Other ways a chemist writes an answer that is an element or an isotope: 'polonium' ->
    ['Po']; 'radium-226' -> ['Ra-226', '226Ra']; 'Rn' -> ['radon']; [] for anything else."""
    name, _, mass = text.strip().replace(" ", "-").partition("-")
    if mass and not mass.isdecimal():
        return []
    symbol = element_symbol(name)
    if symbol is not None:
        return [f"{symbol}-{mass}", f"{mass}{symbol}"] if mass else [symbol]
    return [f"{n}-{mass}" if mass else n for n in element_names(name)]
