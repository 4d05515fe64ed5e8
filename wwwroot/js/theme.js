// Remembers the theme chosen with the header's toggle. Radzen's own cookie service reads and writes the cookie with
// eval, which the Content-Security-Policy (script-src 'self') forbids; this module does the same without eval.
const name = 'dashboard-theme';

export function current() {
    const entry = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return entry ? decodeURIComponent(entry.substring(name.length + 1)) : null;
}

export function remember(theme) {
    document.cookie = `${name}=${encodeURIComponent(theme)}; max-age=31536000; path=/; samesite=strict`;
}
