{{%AUTOESCAPE context="HTML"}}
<p><a href="/schools">← {{t_schools_title}}</a></p>
<div class="page-head">
  <h1>{{name}}</h1>
  <div class="actions">{{#can_write}}<a class="button" href="/schools/{{id}}/edit">{{t_edit}}</a>
    <a class="button button-secondary" href="/schools/{{id}}/delete">{{t_delete}}</a>{{/can_write}}</div>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<div class="columns">
<section>
  <h2>{{t_schools_section_school}}</h2>
  <dl class="facts">
    <dt>{{t_field_school_kind}}</dt><dd>{{kind_label}}</dd>
    <dt>{{t_field_city}}</dt><dd>{{street}} {{postal_code}} {{city}} <span class="muted">{{area_label}}</span></dd>
    <dt>{{t_field_phone}}</dt><dd>{{phone}}</dd>
    <dt>{{t_field_email}}</dt><dd>{{email}}</dd>
  </dl>
  <p class="notes">{{notes}}</p>
  <h2 id="teachers">{{t_schools_teachers}}</h2>
{{#has_teachers}}
  <ul class="contacts">
{{#teachers}}
    <li><strong>{{name}}</strong> {{class}} {{subject}}<br>{{phone}} {{email}}
{{#can_write}}<form method="post" action="/schools/{{school_id}}/teachers/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"> <button type="submit" class="link-button link-danger">{{t_schools_remove_teacher}}<span class="visually-hidden">: {{name}}</span></button></form>{{/can_write}}
    </li>
{{/teachers}}
  </ul>
{{/has_teachers}}
{{#no_teachers}}<p class="muted">{{t_schools_no_teachers}}</p>{{/no_teachers}}
{{#can_write}}
  <details class="add"{{#teacher_problem}} open{{/teacher_problem}}>
    <summary>{{t_schools_add_teacher}}</summary>
    <form method="post" action="/schools/{{id}}/teachers" class="stacked" novalidate>
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#teacher_form}}
  <div class="field{{#errors}}{{#name}} has-problem{{/name}}{{/errors}}">
    <label for="t-name">{{t_field_name}}</label>
    <input id="t-name" name="name" type="text" value="{{name}}" required maxlength="200"{{#errors}}{{#name}} aria-invalid="true" aria-describedby="t-name-problem"{{/name}}{{/errors}}>
    {{#errors}}{{#name}}<p class="problem" id="t-name-problem">{{message}}</p>{{/name}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#class}} has-problem{{/class}}{{/errors}}">
    <label for="t-class">{{t_field_class}}</label>
    <input id="t-class" name="class" type="text" value="{{class}}" maxlength="50"{{#errors}}{{#class}} aria-invalid="true" aria-describedby="t-class-problem"{{/class}}{{/errors}}>
    {{#errors}}{{#class}}<p class="problem" id="t-class-problem">{{message}}</p>{{/class}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#subject}} has-problem{{/subject}}{{/errors}}">
    <label for="t-subject">{{t_field_subject}}</label>
    <input id="t-subject" name="subject" type="text" value="{{subject}}" maxlength="100"{{#errors}}{{#subject}} aria-invalid="true" aria-describedby="t-subject-problem"{{/subject}}{{/errors}}>
    {{#errors}}{{#subject}}<p class="problem" id="t-subject-problem">{{message}}</p>{{/subject}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#phone}} has-problem{{/phone}}{{/errors}}">
    <label for="t-phone">{{t_field_phone}}</label>
    <input id="t-phone" name="phone" type="tel" value="{{phone}}" maxlength="30"{{#errors}}{{#phone}} aria-invalid="true" aria-describedby="t-phone-problem"{{/phone}}{{/errors}}>
    {{#errors}}{{#phone}}<p class="problem" id="t-phone-problem">{{message}}</p>{{/phone}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#email}} has-problem{{/email}}{{/errors}}">
    <label for="t-email">{{t_field_email}}</label>
    <input id="t-email" name="email" type="email" value="{{email}}" maxlength="254"{{#errors}}{{#email}} aria-invalid="true" aria-describedby="t-email-problem"{{/email}}{{/errors}}>
    {{#errors}}{{#email}}<p class="problem" id="t-email-problem">{{message}}</p>{{/email}}{{/errors}}
  </div>
{{/teacher_form}}
      <button type="submit">{{t_schools_add_teacher}}</button>
    </form>
  </details>
{{/can_write}}
  <h2 id="pupils">{{t_schools_pupils_in_pool}}</h2>
{{#has_pupils}}
  <ul class="plain-list">
{{#pupils}}    <li><a href="/candidates/{{id}}">{{first_name}} {{last_name}}</a>, {{age}} {{t_years}} · {{status_label}}</li>
{{/pupils}}  </ul>
{{/has_pupils}}
{{#no_pupils}}<p class="muted">{{t_schools_no_pupils}}</p>{{/no_pupils}}
  <h2 id="events">{{t_events_title}}</h2>
{{#has_events}}
  <ul class="plain-list">
{{#events}}    <li><a href="/events/{{id}}">{{title}}</a>, {{date_local}} · {{kind_label}}</li>
{{/events}}  </ul>
{{/has_events}}
{{#no_events}}<p class="muted">{{t_events_none}}</p>{{/no_events}}
</section>
<section>
  <h2 id="links">{{t_schools_links}}</h2>
  <p class="hint">{{t_schools_links_intro}}</p>
{{#has_links}}
  <ul class="links">
{{#links}}
    <li id="link-{{id}}" class="link-card">
      <h3>{{label}}</h3>
      <p>{{#open}}<span class="badge status-training">{{t_schools_link_open}}</span>{{/open}}{{#closed}}<span class="badge">{{t_schools_link_closed}}</span>{{/closed}}{{#expired}}<span class="badge">{{t_schools_link_expired}}</span>{{/expired}}
        {{t_field_expires}}: {{expires_local}} · {{t_schools_signups}}: {{signups}}</p>
{{#readable}}
      <p class="link-url"><code>{{url}}</code></p>
      <img class="qr" src="/schools/{{school_id}}/links/{{id}}/qr.svg" width="160" height="160" alt="{{t_schools_qr_alt}} {{label}}">
      <p><a href="/schools/{{school_id}}/links/{{id}}/flyer">{{t_schools_flyer}}<span class="visually-hidden">: {{label}}</span></a></p>
{{/readable}}
{{#no_readable}}<p class="muted">{{t_schools_link_unreadable}}</p>{{/no_readable}}
{{#can_write}}{{#open}}
      <form method="post" action="/schools/{{school_id}}/links/{{id}}/close" class="inline"><input type="hidden" name="csrf_token" value="{{csrf_token}}"><button type="submit" class="button-secondary">{{t_schools_close_link}}<span class="visually-hidden">: {{label}}</span></button></form>
{{/open}}{{/can_write}}
    </li>
{{/links}}
  </ul>
{{/has_links}}
{{#no_links}}<p class="muted">{{t_schools_no_links}}</p>{{/no_links}}
{{#can_write}}
  <details class="add"{{#link_problem}} open{{/link_problem}}>
    <summary>{{t_schools_new_link}}</summary>
    <form method="post" action="/schools/{{id}}/links" class="stacked" novalidate>
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#link_form}}
  <div class="field{{#errors}}{{#label}} has-problem{{/label}}{{/errors}}">
    <label for="l-label">{{t_field_link_label}}</label>
    <input id="l-label" name="label" type="text" value="{{label}}" required maxlength="200" aria-describedby="l-label-hint{{#errors}}{{#label}} l-label-problem{{/label}}{{/errors}}"{{#errors}}{{#label}} aria-invalid="true"{{/label}}{{/errors}}>
    <p class="hint" id="l-label-hint">{{t_schools_link_label_hint}}</p>
    {{#errors}}{{#label}}<p class="problem" id="l-label-problem">{{message}}</p>{{/label}}{{/errors}}
  </div>
  <div class="field{{#errors}}{{#expires}} has-problem{{/expires}}{{/errors}}">
    <label for="l-expires">{{t_field_expires}}</label>
    <input id="l-expires" name="expires" type="date" value="{{expires}}" required min="{{today}}"{{#errors}}{{#expires}} aria-invalid="true" aria-describedby="l-expires-problem"{{/expires}}{{/errors}}>
    {{#errors}}{{#expires}}<p class="problem" id="l-expires-problem">{{message}}</p>{{/expires}}{{/errors}}
  </div>
{{/link_form}}
      <button type="submit">{{t_schools_new_link}}</button>
    </form>
  </details>
{{/can_write}}
</section>
</div>
