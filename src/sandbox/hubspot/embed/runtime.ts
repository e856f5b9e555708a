/**
 * The browser side of the HubSpot forms embed stand-in (`hbspt.forms.create`). This function is
 * serialised with `toString()` and served as a script, so it must stay self-contained: no imports,
 * no references to anything outside its own body.
 */
export interface EmbedRuntimeConfig {
  /** Origin of the HubSpot stand-in (where form definitions and submissions live). */
  origin: string;
}

export function hbsptRuntime(config: EmbedRuntimeConfig): void {
  type Values = { name: string; value: string }[];
  interface Field {
    name: string; label: string; fieldType: string; required: boolean; hidden: boolean;
    defaultValue: string; placeholder: string; options: { label: string; value: string }[];
  }
  interface Definition { guid: string; portalId: number; submitText: string; inlineMessage: string; redirect: string; formFieldGroups: { fields: Field[] }[] }
  interface CreateOptions {
    region?: string; portalId: string | number; formId: string; target?: string; formInstanceId?: string;
    inlineMessage?: string; redirectUrl?: string; submitButtonClass?: string; css?: string; cssClass?: string;
    onBeforeFormInit?: (ctx: unknown) => void;
    onFormReady?: (form: HTMLFormElement) => void;
    onBeforeFormSubmit?: (form: HTMLFormElement, values: Values) => void;
    onFormSubmit?: (form: HTMLFormElement) => void;
    onFormSubmitted?: (form: HTMLFormElement, data: { redirectUrl: string; submissionValues: Record<string, string> }) => void;
  }

  const w = window as unknown as { hbspt?: { forms?: { create?: (o: CreateOptions) => unknown } } };
  w.hbspt = w.hbspt || {};
  w.hbspt.forms = w.hbspt.forms || {};
  if (w.hbspt.forms.create) return;
  let instances = 0;

  const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

  function injectStyles() {
    if (document.getElementById('hs-sandbox-form-styles')) return;
    const style = document.createElement('style');
    style.id = 'hs-sandbox-form-styles';
    style.textContent = [
      '.hs-form fieldset{border:0;margin:0;padding:0;max-width:100%}',
      '.hs-form .hs-form-field{margin-bottom:16px}',
      '.hs-form label{display:block;font-weight:600;margin-bottom:4px;color:#33475b}',
      '.hs-form .hs-input{box-sizing:border-box;width:100%;padding:9px 10px;border:1px solid #cbd6e2;border-radius:3px;background:#f5f8fa;font:inherit}',
      '.hs-form .hs-input[type=checkbox],.hs-form .hs-input[type=radio]{width:auto;margin-right:6px}',
      '.hs-form .hs-input.invalid{border-color:#f2545b}',
      '.hs-form .hs-form-required{color:#f2545b;margin-left:2px}',
      '.hs-form .hs-error-msgs{list-style:none;margin:4px 0 0;padding:0;color:#f2545b;font-size:13px}',
      '.hs-form .hs-button{background:#ff7a59;border:1px solid #ff7a59;color:#fff;border-radius:3px;padding:12px 24px;font:inherit;font-weight:600;cursor:pointer}',
      '.hs-form .hs-button[disabled]{opacity:.6;cursor:wait}',
      '.submitted-message{padding:16px;background:#e5f8f6;border-radius:3px;color:#33475b}',
    ].join('\n');
    document.head.appendChild(style);
  }

  function fieldHtml(f: Field, guid: string): string {
    const id = `${f.name}-${guid}`;
    if (f.hidden || f.fieldType === 'hidden') {
      return `<input name="${esc(f.name)}" class="hs-input" type="hidden" value="${esc(f.defaultValue)}">`;
    }
    const req = f.required ? ' required' : '';
    const label = `<label id="label-${id}" for="${id}"><span>${esc(f.label)}</span>${f.required ? '<span class="hs-form-required">*</span>' : ''}</label>`;
    let input: string;
    const attrs = `id="${id}" name="${esc(f.name)}" class="hs-input"${req}`;
    switch (f.fieldType) {
      case 'textarea':
        input = `<textarea ${attrs} placeholder="${esc(f.placeholder)}">${esc(f.defaultValue)}</textarea>`;
        break;
      case 'select':
        input = `<select ${attrs}><option value="" disabled selected>Please Select</option>${f.options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('')}</select>`;
        break;
      case 'radio':
      case 'checkbox':
        input = `<ul class="inputs-list" role="${f.fieldType === 'radio' ? 'radiogroup' : 'group'}">${f.options
          .map((o, i) => `<li class="hs-form-${f.fieldType}"><label class="hs-form-${f.fieldType}-display"><input id="${id}-${i}" class="hs-input" type="${f.fieldType}" name="${esc(f.name)}" value="${esc(o.value)}"><span>${esc(o.label)}</span></label></li>`)
          .join('')}</ul>`;
        break;
      case 'booleancheckbox':
        return `<div class="hs_${esc(f.name)} hs-${esc(f.name)} hs-fieldtype-booleancheckbox field hs-form-field"><div class="input"><label for="${id}"><input ${attrs} type="checkbox" value="true"><span>${esc(f.label)}</span></label></div></div>`;
      default: {
        const type = f.fieldType === 'email' ? 'email' : f.fieldType === 'phone' ? 'tel' : f.fieldType === 'number' ? 'number' : f.fieldType === 'date' ? 'date' : 'text';
        input = `<input ${attrs} type="${type}" placeholder="${esc(f.placeholder)}" value="${esc(f.defaultValue)}" autocomplete="${f.name === 'email' ? 'email' : 'on'}">`;
      }
    }
    return `<div class="hs_${esc(f.name)} hs-${esc(f.name)} hs-fieldtype-${esc(f.fieldType)} field hs-form-field">${label}<div class="input">${input}</div></div>`;
  }

  function collect(form: HTMLFormElement): Values {
    const grouped = new Map<string, string[]>();
    for (const el of Array.from(form.elements) as HTMLInputElement[]) {
      if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button') continue;
      if (!grouped.has(el.name)) grouped.set(el.name, []);
      if (el.type === 'checkbox' && el.value === 'true' && el.closest('.hs-fieldtype-booleancheckbox')) {
        grouped.get(el.name)!.push(el.checked ? 'true' : 'false');
      } else if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) {
        continue;
      } else {
        grouped.get(el.name)!.push(el.value);
      }
    }
    return Array.from(grouped, ([name, values]) => ({ name, value: values.join(';') }));
  }

  function showError(form: HTMLFormElement, name: string, message: string) {
    const wrapper = form.querySelector(`.hs_${CSS.escape(name)}`);
    if (!wrapper) return;
    wrapper.querySelectorAll('.hs-input').forEach((i) => i.classList.add('invalid', 'error'));
    const list = document.createElement('ul');
    list.className = 'no-list hs-error-msgs inputs-list';
    list.setAttribute('role', 'alert');
    list.innerHTML = `<li><label class="hs-error-msg hs-main-font-element">${esc(message)}</label></li>`;
    wrapper.appendChild(list);
  }

  function validate(form: HTMLFormElement, fields: Field[], values: Values): boolean {
    form.querySelectorAll('.hs-error-msgs').forEach((e) => e.remove());
    form.querySelectorAll('.hs-input.invalid').forEach((e) => e.classList.remove('invalid', 'error'));
    const byName = new Map(values.map((v) => [v.name, v.value]));
    let ok = true;
    for (const f of fields) {
      const value = (byName.get(f.name) ?? '').trim();
      if (f.required && !f.hidden && (!value || (f.fieldType === 'booleancheckbox' && value !== 'true'))) {
        showError(form, f.name, 'Please complete this required field.');
        ok = false;
      } else if (f.name === 'email' && value && !/^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(value)) {
        showError(form, f.name, 'Email must be formatted correctly.');
        ok = false;
      }
    }
    return ok;
  }

  function create(options: CreateOptions) {
    if (!options || !options.portalId || !options.formId) throw new Error('hbspt.forms.create needs portalId and formId');
    const portalId = String(options.portalId);
    const formId = options.formId;
    const instanceId = options.formInstanceId || `${Date.now().toString(36)}-${(instances += 1)}`;
    const emit = (eventName: string, data: unknown) => window.postMessage({ type: 'hsFormCallback', eventName, id: formId, data }, '*');
    const anchor = document.currentScript;

    let target: Element | null = options.target ? document.querySelector(options.target) : null;
    if (!target) {
      target = document.createElement('div');
      if (anchor?.parentNode) anchor.parentNode.insertBefore(target, anchor.nextSibling);
      else document.body.appendChild(target);
    }
    const root = document.createElement('div');
    root.className = 'hbspt-form';
    root.id = `hbspt-form-${instanceId}`;
    root.setAttribute('data-hs-forms-root', 'true');
    target.appendChild(root);

    options.onBeforeFormInit?.({ portalId, formId, instanceId });
    emit('onBeforeFormInit', {});
    if (options.css !== '') injectStyles();

    fetch(`${config.origin}/embed/v3/form/${encodeURIComponent(portalId)}/${encodeURIComponent(formId)}/json`)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`form ${formId}: HTTP ${res.status}`))))
      .then(({ form: def }: { form: Definition }) => render(def))
      .catch((err: Error) => {
        root.innerHTML = `<p class="hs-form-load-error">The form could not be loaded. ${esc(err.message)}</p>`;
      });

    function render(def: Definition) {
      const fields = def.formFieldGroups.flatMap((g) => g.fields);
      const form = document.createElement('form');
      form.id = `hsForm_${formId}`;
      form.className = `hs-form stacked hs-form-private hsForm_${formId} hs-form-${formId} hs-form-${formId}_${instanceId}${options.cssClass ? ` ${options.cssClass}` : ''}`;
      form.method = 'POST';
      form.noValidate = true;
      form.setAttribute('accept-charset', 'UTF-8');
      form.setAttribute('action', `${config.origin}/submissions/v3/integration/submit/${portalId}/${formId}`);
      form.setAttribute('data-form-id', formId);
      form.setAttribute('data-portal-id', portalId);
      form.setAttribute('data-instance-id', instanceId);
      form.innerHTML = `<fieldset class="form-columns-1">${fields.map((f) => fieldHtml(f, formId)).join('')}</fieldset>`
        + `<div class="hs_submit hs-submit"><div class="actions"><input type="submit" class="${esc(options.submitButtonClass || 'hs-button primary large')}" value="${esc(def.submitText || 'Submit')}"></div></div>`;
      root.appendChild(form);

      form.addEventListener('submit', (event) => {
        // Another script stopped this submission (e.g. a payment step runs first): leave it alone.
        if (event.defaultPrevented) return;
        event.preventDefault();
        const values = collect(form);
        if (!validate(form, fields, values)) return;
        options.onBeforeFormSubmit?.(form, values);
        emit('onBeforeFormSubmit', values);
        options.onFormSubmit?.(form);
        emit('onFormSubmit', values);
        const button = form.querySelector<HTMLInputElement>('input[type=submit]');
        if (button) button.disabled = true;
        const hutk = /(?:^|;\s*)hubspotutk=([^;]+)/.exec(document.cookie)?.[1];
        fetch(`${config.origin}/submissions/v3/integration/submit/${portalId}/${formId}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            submittedAt: String(Date.now()),
            fields: values.map((v) => ({ objectTypeId: '0-1', name: v.name, value: v.value })),
            context: { pageUri: location.href, pageName: document.title, ...(hutk ? { hutk } : {}) },
          }),
        })
          .then(async (res) => ({ ok: res.ok, body: await res.json().catch(() => ({})) }))
          .then(({ ok, body }) => {
            if (button) button.disabled = false;
            if (!ok) {
              for (const e of (body.errors ?? []) as { message: string; errorType: string }[]) {
                const name = /'fields\.([^']+)'/.exec(e.message)?.[1] ?? 'email';
                showError(form, name, e.errorType === 'INVALID_EMAIL' ? 'Email must be formatted correctly.' : e.message);
              }
              return;
            }
            const redirectUrl = options.redirectUrl || body.redirectUri || '';
            const data = { redirectUrl, submissionValues: Object.fromEntries(values.map((v) => [v.name, v.value])) };
            if (!redirectUrl) {
              const message = document.createElement('div');
              message.className = `submitted-message hs-main-font-element hs-form-${formId} hs-form-${formId}_${instanceId}`;
              message.innerHTML = options.inlineMessage || body.inlineMessage || 'Thanks for submitting the form.';
              form.style.display = 'none';
              root.appendChild(message);
            }
            options.onFormSubmitted?.(form, data);
            emit('onFormSubmitted', data);
            if (redirectUrl) location.href = redirectUrl;
          });
      });

      options.onFormReady?.(form);
      emit('onFormReady', {});
    }

    return { formId, portalId, instanceId };
  }

  w.hbspt.forms.create = create;
}
