// The logs viewer's scrolling and download. The list sticks to the end while the user is at the end (following) and
// stays put once they scroll up to read; a match scrolls its row into the middle.
export function follow(el) {
    if (!el || el._followInstalled) return;
    el._followInstalled = true;
    el._stick = true;
    el.addEventListener('scroll', () => {
        el._stick = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    }, { passive: true });
}

export function toEnd(el) {
    if (el && el._stick !== false) el.scrollTop = el.scrollHeight;
}

export function toRow(el, index, rowHeight) {
    if (!el) return;
    el._stick = false;
    el.scrollTop = Math.max(0, index * rowHeight - el.clientHeight / 2);
}

export async function download(name, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
