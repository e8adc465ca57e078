"""bhxh-campaigns: measure voluntary social-insurance and household health-insurance campaigns.

Helpers parse raw articles and official tables, validate them, estimate campaign effects and
write narrative reports. Import the submodules you need; this package imports nothing heavy.
"""

__version__ = "0.2.0"
