// The command palette's keyboard shortcut: Ctrl+K (⌘K on macOS) opens it from anywhere. The arrows are kept from
// moving the caret while the palette's list has focus-by-proxy (aria-activedescendant); Blazor handles the keys.
// The palette is a modal dialog whose one focusable element is its input: Tab stays there instead of walking into the
// page behind the backdrop (Escape closes it).
let listener = null;

export function register(palette) {
    unregister();
    listener = e => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
            e.preventDefault();
            palette.invokeMethodAsync('Open');
        } else if (e.target instanceof HTMLElement && e.target.classList.contains('palette-input')
            && (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'Tab')) {
            e.preventDefault();
        }
    };
    document.addEventListener('keydown', listener);
}

export function unregister() {
    if (listener) document.removeEventListener('keydown', listener);
    listener = null;
}

export function reveal(id) {
    document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
}
