// The signed-in person's session token lives in sessionStorage: gone with the tab, never shared
// with other tabs or kept on disk the way localStorage would keep it.
const KEY = 'steward.console.token';

export const readToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const clearToken = () => sessionStorage.removeItem(KEY);
