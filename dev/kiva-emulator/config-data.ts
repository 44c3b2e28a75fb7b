import type { Activity, ConfigLists, Locale, Location, Theme } from '../../src/kiva/models';

/** Fixed so that answers, snapshots and fixtures stay deterministic. */
export const CONFIG_AS_OF = '2026-01-15T08:00:00Z';

// Ids are deliberately not 1..n in list order, so a client that sends a row index instead of an id is caught.
const ACTIVITIES: Activity[] = [
  { activity_id: 61, activity: 'Agriculture' },
  { activity_id: 9, activity: 'Animal Sales' },
  { activity_id: 34, activity: 'Bakery' },
  { activity_id: 5, activity: 'Beauty Salon' },
  { activity_id: 70, activity: 'Butcher Shop' },
  { activity_id: 63, activity: 'Cafe' },
  { activity_id: 58, activity: 'Cattle' },
  { activity_id: 51, activity: 'Cereals' },
  { activity_id: 97, activity: 'Charcoal Sales' },
  { activity_id: 43, activity: 'Clothing Sales' },
  { activity_id: 8, activity: 'Cosmetics Sales' },
  { activity_id: 45, activity: 'Crafts' },
  { activity_id: 27, activity: 'Dairy' },
  { activity_id: 41, activity: 'Farming' },
  { activity_id: 72, activity: 'Fish Selling' },
  { activity_id: 101, activity: 'Fishing' },
  { activity_id: 120, activity: 'Food Market' },
  { activity_id: 11, activity: 'Food Production/Sales' },
  { activity_id: 57, activity: 'Fruits & Vegetables' },
  { activity_id: 3, activity: 'General Store' },
  { activity_id: 36, activity: 'Grocery Store' },
  { activity_id: 134, activity: 'Higher education costs' },
  { activity_id: 88, activity: 'Home Appliances' },
  { activity_id: 152, activity: 'Home Energy' },
  { activity_id: 49, activity: 'Livestock' },
  { activity_id: 110, activity: 'Motorcycle Transport' },
  { activity_id: 146, activity: 'Personal Housing Expenses' },
  { activity_id: 53, activity: 'Pigs' },
  { activity_id: 17, activity: 'Poultry' },
  { activity_id: 15, activity: 'Restaurant' },
  { activity_id: 2, activity: 'Retail' },
  { activity_id: 31, activity: 'Sewing' },
  { activity_id: 65, activity: 'Shoe Sales' },
  { activity_id: 23, activity: 'Tailoring' },
  { activity_id: 80, activity: 'Taxi' },
  { activity_id: 39, activity: 'Textiles' },
  { activity_id: 117, activity: 'Tourism' },
  { activity_id: 26, activity: 'Used Clothing' },
  { activity_id: 141, activity: 'Water Distribution' },
  { activity_id: 47, activity: 'Weaving' },
];

const LOCALES: Locale[] = [
  { currency: 'USD', language_code: 'en', language_name: 'English', language_id: 1 },
  { currency: 'PEN', language_code: 'es', language_name: 'Spanish', language_id: 2 },
  { currency: 'MXN', language_code: 'es', language_name: 'Spanish', language_id: 2 },
  { currency: 'CRC', language_code: 'es', language_name: 'Spanish', language_id: 2 },
  { currency: 'USD', language_code: 'es', language_name: 'Spanish', language_id: 2 },
  { currency: 'XOF', language_code: 'fr', language_name: 'French', language_id: 3 },
  { currency: 'BRL', language_code: 'pt', language_name: 'Portuguese', language_id: 5 },
  { currency: 'KES', language_code: 'en', language_name: 'English', language_id: 1 },
  { currency: 'PHP', language_code: 'en', language_name: 'English', language_id: 1 },
  { currency: 'TJS', language_code: 'ru', language_name: 'Russian', language_id: 6 },
];

const THEMES: Theme[] = [
  { theme_type_id: 1, theme_type: 'Green' },
  { theme_type_id: 2, theme_type: 'Higher Education' },
  { theme_type_id: 4, theme_type: 'Water and Sanitation' },
  { theme_type_id: 7, theme_type: 'Rural Exclusion' },
  { theme_type_id: 9, theme_type: 'Vulnerable Groups' },
  { theme_type_id: 14, theme_type: 'Start-Up' },
  { theme_type_id: 31, theme_type: "Women's Empowerment" },
  { theme_type_id: 48, theme_type: 'General' },
];

const PLACES: [country: string, locations: string[]][] = [
  ['Peru', ['Lima', 'Cusco', 'Arequipa', 'Ñaña', 'San José', 'Juliaca', 'Piura']],
  ['Brazil', ['São Paulo', 'Salvador', 'Recife', 'Belém']],
  ['Senegal', ['Dakar', 'Thiès', 'Saint-Louis', 'Kaolack']],
  ['Mexico', ['Ciudad de México', 'Oaxaca', 'Mérida', 'Tuxtla Gutiérrez']],
  // San José appears in Peru too: picking a location by city name alone must be ambiguous.
  ['Costa Rica', ['San José', 'Limón', 'Cartago']],
  ['Kenya', ['Nairobi', 'Kisumu', 'Eldoret']],
  ['Philippines', ['Cebu', 'Iloilo', 'Dumaguete']],
  ['Tajikistan', ['Dushanbe', 'Khujand']],
];

const LOCATIONS: Location[] = PLACES.flatMap(([country, names]) =>
  names.map((location) => ({ country, location, full_name: `${location}: ${country}` })),
);

/** The loan currency of each seeded country. */
export const COUNTRY_CURRENCY: Record<string, string> = {
  Peru: 'PEN',
  Brazil: 'BRL',
  Senegal: 'XOF',
  Mexico: 'MXN',
  'Costa Rica': 'CRC',
  Kenya: 'KES',
  Philippines: 'PHP',
  Tajikistan: 'TJS',
};

/** The emulator's config lists in the shared snake_case model; tests and fixtures may reuse them. */
// Frozen because fixtures in other suites share it: one test mutating it would change every emulator's answers.
export const EMULATOR_CONFIG: ConfigLists = deepFreeze({
  activities: ACTIVITIES,
  locales: LOCALES,
  themes: THEMES,
  locations: LOCATIONS,
  asOf: { activities: CONFIG_AS_OF, locales: CONFIG_AS_OF, themes: CONFIG_AS_OF, locations: CONFIG_AS_OF },
});

export type ConfigListName = 'activities' | 'locales' | 'themes' | 'locations';

const LIST_MESSAGES: Record<ConfigListName, string> = {
  activities: 'Activities retrieved',
  locales: 'Locales retrieved',
  themes: 'Themes retrieved',
  locations: 'Locations retrieved',
};

/**
 * The wire body of GET config/{list}: `snake` as Kiva answers in 2026, `library` exactly as Kiva's .NET library
 * models it (`activityId`/`activityName`, `themeTypeId`/`themeType`, `fullName`, `languageId`, `asOfDateTime`).
 * Both carry `code` and `message`, as every Kiva success answer does.
 */
export function configBody(list: ConfigListName, casing: 'snake' | 'library' = 'snake'): Record<string, unknown> {
  if (casing === 'snake') {
    return {
      code: 'api.success',
      message: LIST_MESSAGES[list],
      as_of_date_time: CONFIG_AS_OF,
      [list]: EMULATOR_CONFIG[list],
    };
  }
  return { code: 'api.success', asOfDateTime: CONFIG_AS_OF, message: LIST_MESSAGES[list], [list]: libraryItems(list) };
}

function libraryItems(list: ConfigListName): Record<string, unknown>[] {
  switch (list) {
    case 'activities':
      return EMULATOR_CONFIG.activities.map((a) => ({ activityId: a.activity_id, activityName: a.activity }));
    case 'themes':
      return EMULATOR_CONFIG.themes.map((t) => ({ themeType: t.theme_type, themeTypeId: t.theme_type_id }));
    case 'locations':
      return EMULATOR_CONFIG.locations.map((l) => ({
        country: l.country,
        location: l.location,
        fullName: l.full_name,
      }));
    case 'locales':
      return EMULATOR_CONFIG.locales.map((l) => ({
        currency: l.currency,
        languageCode: l.language_code,
        languageName: l.language_name,
        languageId: l.language_id,
      }));
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
