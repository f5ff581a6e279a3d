"""Countries and nationalities, written for this project: names, common aliases, demonyms.

Used by :mod:`compare.values` to read "in France" / "a Japanese woman" as typed values, so
two statements that put the same event in different countries ("arrested in Belgium" /
"arrested in Germany") can be compared. Only capitalised forms are listed: "turkey" the
bird and "china" the porcelain are not countries. Every alias maps to one canonical name;
every demonym maps to the canonical name of its country, so "Japanese" and "Japan" name
the same place.
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan
Albania
Algeria
Andorra
Angola
Antigua and Barbuda|Antigua
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas|The Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina|Bosnia
Botswana
Brazil
Brunei
Bulgaria
Burkina Faso
Burundi
Cambodia
Cameroon
Canada
Cape Verde|Cabo Verde
Central African Republic
Chad
Chile
China|People's Republic of China|PRC
Colombia
Comoros
Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa
Republic of the Congo|Congo|Congo-Brazzaville
Costa Rica
Croatia
Cuba
Cyprus
Czech Republic|Czechia
Denmark
Djibouti
Dominica
Dominican Republic
East Timor|Timor-Leste
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini|Swaziland
Ethiopia
Fiji
Finland
France
Gabon
Gambia|The Gambia
Georgia
Germany
Ghana
Greece
Grenada
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran
Iraq
Ireland|Republic of Ireland|Eire
Israel
Italy
Ivory Coast|Cote d'Ivoire
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kiribati
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Mauritania
Mauritius
Mexico
Micronesia
Moldova
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar|Burma
Namibia
Nauru
Nepal
Netherlands|The Netherlands|Holland
New Zealand
Nicaragua
Niger
Nigeria
North Korea|DPRK|Democratic People's Republic of Korea
North Macedonia|Macedonia
Norway
Oman
Pakistan
Palau
Palestine|Palestinian Territories
Panama
Papua New Guinea
Paraguay
Peru
Philippines|The Philippines
Poland
Portugal
Qatar
Romania
Russia|Russian Federation
Rwanda
Saint Kitts and Nevis
Saint Lucia
Saint Vincent and the Grenadines
Samoa
San Marino
Sao Tome and Principe
Saudi Arabia
Senegal
Serbia
Seychelles
Sierra Leone
Singapore
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Korea|Republic of Korea|Korea
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Sweden
Switzerland
Syria
Taiwan
Tajikistan
Tanzania
Thailand
Togo
Tonga
Trinidad and Tobago|Trinidad
Tunisia
Turkey|Turkiye
Turkmenistan
Tuvalu
Uganda
Ukraine
United Arab Emirates|UAE|U.A.E.
United Kingdom|UK|U.K.|Britain|Great Britain
United States|United States of America|US|U.S.|U.S.A.|USA|America
Uruguay
Uzbekistan
Vanuatu
Vatican City|Vatican|Holy See
Venezuela
Vietnam|Viet Nam
Yemen
Zambia
Zimbabwe
England
Scotland
Wales
Northern Ireland
Greenland
Puerto Rico
Hong Kong
"""
"""One country a line: canonical name, then its aliases, "|"-separated. England, Scotland,
Wales and Northern Ireland are their own places: "in Scotland" and "in England" disagree."""

_DEMONYMS = """
Afghan|Afghanistan
Albanian|Albania
Algerian|Algeria
Angolan|Angola
Argentine|Argentina
Argentinian|Argentina
Armenian|Armenia
Australian|Australia
Austrian|Austria
Azerbaijani|Azerbaijan
Bahraini|Bahrain
Bangladeshi|Bangladesh
Belarusian|Belarus
Belgian|Belgium
Bolivian|Bolivia
Bosnian|Bosnia and Herzegovina
Brazilian|Brazil
British|United Kingdom
Bulgarian|Bulgaria
Burmese|Myanmar
Cambodian|Cambodia
Cameroonian|Cameroon
Canadian|Canada
Chadian|Chad
Chilean|Chile
Chinese|China
Colombian|Colombia
Congolese|Democratic Republic of the Congo
Costa Rican|Costa Rica
Croatian|Croatia
Cuban|Cuba
Cypriot|Cyprus
Czech|Czech Republic
Danish|Denmark
Dominican|Dominican Republic
Dutch|Netherlands
Ecuadorian|Ecuador
Egyptian|Egypt
Emirati|United Arab Emirates
English|England
Eritrean|Eritrea
Estonian|Estonia
Ethiopian|Ethiopia
Fijian|Fiji
Filipino|Philippines
Finnish|Finland
French|France
Georgian|Georgia
German|Germany
Ghanaian|Ghana
Greek|Greece
Guatemalan|Guatemala
Guinean|Guinea
Haitian|Haiti
Honduran|Honduras
Hungarian|Hungary
Icelandic|Iceland
Indian|India
Indonesian|Indonesia
Iranian|Iran
Iraqi|Iraq
Irish|Ireland
Israeli|Israel
Italian|Italy
Ivorian|Ivory Coast
Jamaican|Jamaica
Japanese|Japan
Jordanian|Jordan
Kazakh|Kazakhstan
Kenyan|Kenya
Kosovar|Kosovo
Kuwaiti|Kuwait
Kyrgyz|Kyrgyzstan
Lao|Laos
Laotian|Laos
Latvian|Latvia
Lebanese|Lebanon
Liberian|Liberia
Libyan|Libya
Lithuanian|Lithuania
Luxembourgish|Luxembourg
Macedonian|North Macedonia
Malagasy|Madagascar
Malawian|Malawi
Malaysian|Malaysia
Maldivian|Maldives
Malian|Mali
Maltese|Malta
Mauritanian|Mauritania
Mexican|Mexico
Moldovan|Moldova
Mongolian|Mongolia
Montenegrin|Montenegro
Moroccan|Morocco
Mozambican|Mozambique
Namibian|Namibia
Nepalese|Nepal
Nepali|Nepal
New Zealander|New Zealand
Nicaraguan|Nicaragua
Nigerian|Nigeria
Nigerien|Niger
North Korean|North Korea
Norwegian|Norway
Omani|Oman
Pakistani|Pakistan
Palestinian|Palestine
Panamanian|Panama
Paraguayan|Paraguay
Peruvian|Peru
Polish|Poland
Portuguese|Portugal
Puerto Rican|Puerto Rico
Qatari|Qatar
Romanian|Romania
Russian|Russia
Rwandan|Rwanda
Salvadoran|El Salvador
Saudi|Saudi Arabia
Saudi Arabian|Saudi Arabia
Scottish|Scotland
Senegalese|Senegal
Serbian|Serbia
Sierra Leonean|Sierra Leone
Singaporean|Singapore
Slovak|Slovakia
Slovenian|Slovenia
Somali|Somalia
South African|South Africa
South Korean|South Korea
Korean|South Korea
South Sudanese|South Sudan
Spanish|Spain
Sri Lankan|Sri Lanka
Sudanese|Sudan
Swedish|Sweden
Swiss|Switzerland
Syrian|Syria
Taiwanese|Taiwan
Tajik|Tajikistan
Tanzanian|Tanzania
Thai|Thailand
Tibetan|China
Togolese|Togo
Tunisian|Tunisia
Turkish|Turkey
Turkmen|Turkmenistan
Ugandan|Uganda
Ukrainian|Ukraine
American|United States
Uruguayan|Uruguay
Uzbek|Uzbekistan
Venezuelan|Venezuela
Vietnamese|Vietnam
Welsh|Wales
Yemeni|Yemen
Zambian|Zambia
Zimbabwean|Zimbabwe
"""
"""One demonym a line: the word (capitalised, as written in English), then its country."""


def _parse_countries() -> tuple[list[str], dict[str, str]]:
    names: list[str] = []
    aliases: dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        forms = [f.strip() for f in line.split("|")]
        names.append(forms[0])
        for form in forms:
            aliases[form] = forms[0]
    return names, aliases


COUNTRY_NAMES, COUNTRIES = _parse_countries()
"""Canonical country names in a fixed order, and every alias (canonical names included) -> canonical name."""
COUNTRY_INDEX = {name: i for i, name in enumerate(COUNTRY_NAMES)}
"""Canonical name -> its position, the number a place value carries."""
NATIONALITIES: dict[str, str] = dict(
    (line.split("|")[0], line.split("|")[1]) for line in _DEMONYMS.strip().splitlines()
)
"""Demonym -> canonical name of its country."""
MAX_WORDS = max(len(n.split()) for n in [*COUNTRIES, *NATIONALITIES])
"""Longest name or demonym in words (names are matched longest first)."""


def lookup(words: list[str], table: dict[str, str]) -> tuple[str, int]:
    """The canonical country of the longest entry of ``table`` that ``words`` start with,
    and how many words it spans; ("", 0) if none. Matching is case-sensitive."""
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        hit = table.get(" ".join(words[:n]))
        if hit:
            return hit, n
    return "", 0
