"""供热收费收银台: district-heating billing and cashier application."""

__version__ = "0.1.0"
