{{%AUTOESCAPE context="HTML"}}
<p><a href="/me">← {{t_me_title}}</a></p>
<h1>{{t_mfa_title}}</h1>
{{#must_enrol}}<div class="notice notice-warn" role="alert">{{t_mfa_must_enrol}}</div>{{/must_enrol}}
{{#disabled}}<div class="notice notice-ok" role="status">{{t_mfa_disabled_done}}</div>{{/disabled}}
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#enabled}}<p><strong>{{t_mfa_is_on}}</strong> {{t_mfa_codes_left}}: {{recovery_codes_left}}</p>{{/enabled}}
{{#no_enabled}}<p>{{t_mfa_is_off}}</p>{{/no_enabled}}
<div class="columns">
<section>
<h2>{{#enabled}}{{t_mfa_new_phone_heading}}{{/enabled}}{{#no_enabled}}{{t_mfa_setup_heading}}{{/no_enabled}}</h2>
<ol>
  <li>{{t_mfa_step_app}}</li>
  <li>{{t_mfa_step_scan}}</li>
</ol>
<p><img class="qr" src="/me/mfa/qr.svg" width="220" height="220" alt="{{t_mfa_qr_alt}}"></p>
<p>{{t_mfa_manual}} <code class="secret">{{secret_groups}}</code></p>
<form method="post" action="/me/mfa" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#enabled}}
  <div class="field{{#errors}}{{#current_code}} has-problem{{/current_code}}{{/errors}}">
    <label for="current_code">{{t_mfa_current_code}}</label>
    <input id="current_code" name="current_code" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required maxlength="64" aria-describedby="current_code-hint{{#errors}}{{#current_code}} current_code-problem{{/current_code}}{{/errors}}"{{#errors}}{{#current_code}} aria-invalid="true"{{/current_code}}{{/errors}}>
    <p class="hint" id="current_code-hint">{{t_mfa_current_code_hint}}</p>
    {{#errors}}{{#current_code}}<p class="problem" id="current_code-problem">{{message}}</p>{{/current_code}}{{/errors}}
  </div>
{{/enabled}}
  <div class="field{{#errors}}{{#code}} has-problem{{/code}}{{/errors}}">
    <label for="code">{{t_mfa_step_code}}</label>
    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="32"{{#errors}}{{#code}} aria-invalid="true" aria-describedby="code-problem"{{/code}}{{/errors}}>
    {{#errors}}{{#code}}<p class="problem" id="code-problem">{{message}}</p>{{/code}}{{/errors}}
  </div>
  <button type="submit">{{t_mfa_enable_submit}}</button>
</form>
</section>
{{#can_disable}}
<section>
<h2>{{t_mfa_disable_heading}}</h2>
<form method="post" action="/me/mfa/disable" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <div class="field{{#errors}}{{#disable_code}} has-problem{{/disable_code}}{{/errors}}">
    <label for="disable_code">{{t_mfa_disable_code}}</label>
    <input id="disable_code" name="disable_code" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required maxlength="64"{{#errors}}{{#disable_code}} aria-invalid="true" aria-describedby="disable_code-problem"{{/disable_code}}{{/errors}}>
    {{#errors}}{{#disable_code}}<p class="problem" id="disable_code-problem">{{message}}</p>{{/disable_code}}{{/errors}}
  </div>
  <button type="submit" class="button-secondary">{{t_mfa_disable_submit}}</button>
</form>
</section>
{{/can_disable}}
</div>
