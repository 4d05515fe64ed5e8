// Shell behaviour that needs the browser: nothing here may read credentials (there are none to read: the session
// cookie is HttpOnly). Keyboard shortcuts are added by the command palette.
export {};
