/**
 * The one "same name" rule for profiles (`revoke "<name>"`, `show`, `history`): trimmed,
 * case-insensitive, accent-sensitive — "Kiosk" finds "kiosk " but not "Kiösk".
 */
export function profileNameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('en');
}

/** Text folded for "contains" searches: lower case, without accents, spaces squeezed ("São" finds "sao"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
