/**
 * The widget's styles, scoped to its shadow root: nothing leaks into the merchant's page, and
 * `:host { all: initial }` keeps the page's inherited styles out. Merchants can set the accent with
 * the `--onepagepay-accent` custom property (custom properties cross the shadow boundary).
 */
export const css = `
:host{all:initial;display:block;box-sizing:border-box;margin:16px 0;font-family:inherit;font-size:15px;line-height:1.5;color:#1f2d3d;text-align:left;--a:var(--onepagepay-accent,#4b44d6)}
:host([hidden]){display:none}
*,*::before,*::after{box-sizing:inherit}
.s{border:1px solid #d5dce4;border-radius:8px;padding:16px;background:#fff;max-width:100%}
h1,h2{margin:0 0 12px;font-weight:600;line-height:1.3}
h1{font-size:22px}h2{font-size:17px}
fieldset{border:0;margin:0 0 8px;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:6px;padding:0}
.o{display:flex;align-items:center;flex-wrap:wrap;gap:6px 10px;padding:8px 10px;border:1px solid #d5dce4;border-radius:6px;margin-bottom:6px}
.o:focus-within{border-color:var(--a)}
.o label{display:flex;align-items:center;gap:8px;flex:1 1 12em;min-width:0;cursor:pointer}
.o .d{display:block;font-size:13px;color:#52606d}
.p{font-variant-numeric:tabular-nums;white-space:nowrap}
.q{display:flex;align-items:center;gap:6px;font-size:13px}
.f{display:block;font-weight:600;margin:10px 0 4px}
input{font:inherit;color:inherit}
input[type=radio],input[type=checkbox]{width:18px;height:18px;margin:0;accent-color:var(--a)}
.t{width:100%;padding:8px 10px;border:1px solid #8d99a6;border-radius:6px;background:#fff}
.q .t{width:4.5em;padding:4px 6px}
input:focus-visible,button:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.t[aria-invalid=true]{border-color:#b42318}
.h{font-size:13px;color:#52606d;margin:4px 0 0}
.sum{margin:12px 0;padding-top:8px;border-top:1px solid #e5e9ef}
.r{display:flex;justify-content:space-between;gap:12px}
.tot{font-weight:700;margin-top:4px}
.card{margin:12px 0 0}
.card>span{display:block;font-weight:600;margin-bottom:6px}
::slotted(*){display:block}
.err{color:#b42318;margin:10px 0 0;font-weight:600}
.st{margin:10px 0 0}
.err:empty,.st:empty{display:none}
.pay{display:block;width:100%;margin-top:14px;padding:12px 16px;border:0;border-radius:6px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.pay[disabled]{opacity:.65;cursor:progress}
.or{text-align:center;color:#52606d;font-size:13px;margin:14px 0 8px}
.msg,.ok{padding:12px 14px;border-radius:6px}
.msg{background:#fff6e6;border:1px solid #e8a33d;color:#5c3b00}
.ok{background:#e9f7ee;border:1px solid #6fbf86;color:#14532d}
.msg:focus,.ok:focus{outline:2px solid var(--a);outline-offset:2px}
@media (max-width:420px){.s{padding:12px}.o label{flex-basis:100%}}
`;

let shared: CSSStyleSheet | null | undefined;

/**
 * Styles a shadow root: one constructed stylesheet shared by every widget on the page (strict CSPs allow it);
 * where that is unsupported, returns a <style> element to put among the root's children.
 */
export function styleNodes(root: ShadowRoot): Node[] {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    if (!root.adoptedStyleSheets.includes(shared)) root.adoptedStyleSheets = [shared];
    return [];
  }
  const style = document.createElement('style');
  style.textContent = css;
  return [style];
}
