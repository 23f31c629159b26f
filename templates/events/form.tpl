{{%AUTOESCAPE context="HTML"}}
{{#event}}<p><a href="/events/{{id}}">← {{title}}</a></p>
<h1>{{t_events_edit_title}}</h1>
<form method="post" action="/events/{{id}}" class="stacked wide" novalidate>
<input type="hidden" name="updated_at" value="{{updated_at}}">{{/event}}
{{#no_event}}<p><a href="/events">← {{t_events_title}}</a></p>
<h1>{{t_events_new_title}}</h1>
<form method="post" action="/events" class="stacked wide" novalidate>{{/no_event}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">{{t_save}}</button>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
{{#form}}
  <div class="field{{#errors}}{{#title}} has-problem{{/title}}{{/errors}}">
    <label for="title">{{t_field_title}}</label>
    <input id="title" name="title" type="text" value="{{title}}" required maxlength="200"{{#errors}}{{#title}} aria-invalid="true" aria-describedby="title-problem"{{/title}}{{/errors}}>
    {{#errors}}{{#title}}<p class="problem" id="title-problem">{{message}}</p>{{/title}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#date}} has-problem{{/date}}{{/errors}}">
    <label for="date">{{t_field_date}}</label>
    <input id="date" name="date" type="date" value="{{date}}" required{{#errors}}{{#date}} aria-invalid="true" aria-describedby="date-problem"{{/date}}{{/errors}}>
    {{#errors}}{{#date}}<p class="problem" id="date-problem">{{message}}</p>{{/date}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#kind}} has-problem{{/kind}}{{/errors}}">
    <label for="kind">{{t_field_event_kind}}</label>
    <select id="kind" name="kind"{{#errors}}{{#kind}} aria-invalid="true" aria-describedby="kind-problem"{{/kind}}{{/errors}}>
{{#kind_options}}      <option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
{{/kind_options}}    </select>
    {{#errors}}{{#kind}}<p class="problem" id="kind-problem">{{message}}</p>{{/kind}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#location}} has-problem{{/location}}{{/errors}}">
    <label for="location">{{t_field_location}}</label>
    <input id="location" name="location" type="text" value="{{location}}" maxlength="200"{{#errors}}{{#location}} aria-invalid="true" aria-describedby="location-problem"{{/location}}{{/errors}}>
    {{#errors}}{{#location}}<p class="problem" id="location-problem">{{message}}</p>{{/location}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}">
    <label for="notes">{{t_field_notes}}</label>
    <textarea id="notes" name="notes" rows="4" maxlength="10000"{{#errors}}{{#notes}} aria-invalid="true" aria-describedby="notes-problem"{{/notes}}{{/errors}}>{{notes}}</textarea>
    {{#errors}}{{#notes}}<p class="problem" id="notes-problem">{{message}}</p>{{/notes}}{{/errors}}
  </div>
{{/form}}
  <fieldset class="chosen{{#errors}}{{#school_ids}} has-problem{{/school_ids}}{{/errors}}">
    <legend>{{t_field_school_ids}}</legend>
    <p class="hint" id="school_ids-hint">{{t_events_schools_hint}}</p>
{{#school_inputs}}    <div class="field{{#problem}} has-problem{{/problem}}">
      <label for="school_ids-{{n}}">{{t_events_school}} {{n}}</label>
      <input id="school_ids-{{n}}" name="school_ids" type="text" value="{{value}}" maxlength="300" autocomplete="off" aria-describedby="school_ids-hint{{#problem}} school_ids-{{n}}-problem{{/problem}}"{{#problem}} aria-invalid="true"{{/problem}}>
{{#problem}}      <p class="problem" id="school_ids-{{n}}-problem">{{message}}</p>{{/problem}}
{{#has_suggestions}}      <div class="suggestions"><p>{{t_events_may_mean}}</p>
{{#suggestions}}        <button type="submit" name="pick" value="{{pick}}" class="button-secondary">{{text}}</button>
{{/suggestions}}      </div>{{/has_suggestions}}
    </div>
{{/school_inputs}}  </fieldset>
  <fieldset class="chosen{{#errors}}{{#company_ids}} has-problem{{/company_ids}}{{/errors}}">
    <legend>{{t_field_company_ids}}</legend>
    <p class="hint" id="company_ids-hint">{{t_events_companies_hint}}</p>
{{#company_inputs}}    <div class="field{{#problem}} has-problem{{/problem}}">
      <label for="company_ids-{{n}}">{{t_events_company}} {{n}}</label>
      <input id="company_ids-{{n}}" name="company_ids" type="text" value="{{value}}" maxlength="300" autocomplete="off" aria-describedby="company_ids-hint{{#problem}} company_ids-{{n}}-problem{{/problem}}"{{#problem}} aria-invalid="true"{{/problem}}>
{{#problem}}      <p class="problem" id="company_ids-{{n}}-problem">{{message}}</p>{{/problem}}
{{#has_suggestions}}      <div class="suggestions"><p>{{t_events_may_mean}}</p>
{{#suggestions}}        <button type="submit" name="pick" value="{{pick}}" class="button-secondary">{{text}}</button>
{{/suggestions}}      </div>{{/has_suggestions}}
    </div>
{{/company_inputs}}  </fieldset>
  <div class="form-actions"><button type="submit">{{t_save}}</button></div>
</form>
