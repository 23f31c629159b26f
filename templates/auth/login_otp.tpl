{{%AUTOESCAPE context="HTML"}}
<section class="narrow">
<h1>{{t_login_title}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/login" class="stacked">
{{#form}}
  <input type="hidden" name="mfa_token" value="{{mfa_token}}">
  <input type="hidden" name="next" value="{{next}}">
{{/form}}
  <div class="field{{#errors}}{{#otp}} has-problem{{/otp}}{{/errors}}">
    <label for="otp">{{t_login_otp_label}}</label>
    <input id="otp" name="otp" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required autofocus maxlength="64" aria-describedby="otp-hint{{#errors}}{{#otp}} otp-problem{{/otp}}{{/errors}}"{{#errors}}{{#otp}} aria-invalid="true"{{/otp}}{{/errors}}>
    <p class="hint" id="otp-hint">{{t_login_otp_hint}}</p>
    {{#errors}}{{#otp}}<p class="problem" id="otp-problem">{{message}}</p>{{/otp}}{{/errors}}
  </div>
  <button type="submit">{{t_login_otp_submit}}</button>
</form>
<p><a href="/login">{{t_login_otp_restart}}</a></p>
</section>
