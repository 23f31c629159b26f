{{%AUTOESCAPE context="HTML"}}
<p><a href="/offers">← {{t_offers_title}}</a></p>
<div class="page-head">
  <h1>{{name}}</h1>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<section class="status-box" aria-labelledby="offer-status">
  <h2 id="offer-status">{{t_field_status}}: <span class="badge offer-{{status}}">{{status_label}}</span></h2>
  <p>{{t_offers_received}} {{created_at_local}}{{#decided}} · {{t_offers_decided_by}} {{reviewed_by_name}}, {{reviewed_at_local}}{{/decided}}</p>
{{#rejected}}  <p><strong>{{t_offers_reason}}:</strong> {{reject_reason}}</p>{{/rejected}}
</section>
<div class="columns">
<section>
  <h2>{{t_offers_sent_details}}</h2>
  <dl class="facts">
    <dt>{{t_offer_field_name}}</dt><dd>{{name}}</dd>
    <dt>{{t_offer_field_contact_name}}</dt><dd>{{contact_name}}</dd>
    <dt>{{t_field_phone}}</dt><dd>{{#phone_link}}<a href="tel:{{tel}}">{{text}}</a>{{/phone_link}}{{#no_phone_link}}{{phone}}{{/no_phone_link}}</dd>
    <dt>{{t_field_email}}</dt><dd>{{email}}</dd>
    <dt>{{t_field_street}}</dt><dd>{{street}}</dd>
    <dt>{{t_field_city}}</dt><dd>{{postal_code}} {{city}}</dd>
    <dt>{{t_offers_consent}}</dt><dd>{{consent_at_local}} ({{consent_version}})</dd>
  </dl>
</section>
<section>
  <h2>{{t_offers_company}}</h2>
  <p>{{match_label}}{{#company}}: <a href="/companies/{{id}}">{{name}}</a>{{/company}}</p>
{{#suggested}}{{#can_write}}
  <p>{{t_offers_match_question}}</p>
  <div class="actions">
    <form method="post" action="/offers/{{id}}/match" class="inline">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
      <input type="hidden" name="action" value="same">
      <button type="submit">{{t_offers_match_same}}</button>
    </form>
    <form method="post" action="/offers/{{id}}/match" class="inline">
      <input type="hidden" name="csrf_token" value="{{csrf_token}}">
      <input type="hidden" name="action" value="new">
      <button type="submit" class="button-secondary">{{t_offers_match_new}}</button>
    </form>
  </div>
{{/can_write}}{{/suggested}}
</section>
</div>
<section>
  <h2>{{t_offers_posts}}</h2>
  <ul class="contacts">
{{#posts}}
    <li><a href="/posts/{{id}}">{{title}}</a> <span class="badge post-{{status}}">{{status_label}}</span><br>
      <span class="muted">{{occupation_name}} · {{start_date_local}} · {{t_field_places}}: {{places}}</span>
{{#can_write}}      <br><a href="/posts/{{id}}/edit">{{t_edit}}<span class="visually-hidden">: {{title}}</span></a>{{/can_write}}</li>
{{/posts}}
  </ul>
</section>
{{#pending}}{{#can_write}}
<section class="decision">
  <h2>{{t_offers_decide}}</h2>
{{#decidable}}
  <form method="post" action="/offers/{{id}}/approve" class="inline">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <p>{{t_offers_approve_text}}</p>
    <button type="submit">{{t_offers_approve}}</button>
  </form>
{{/decidable}}
{{#suggested}}<p class="notice notice-warn">{{t_offers_confirm_match_first}}</p>{{/suggested}}
  <form method="post" action="/offers/{{id}}/reject" class="stacked">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <div class="field{{#errors}}{{#reject_reason}} has-problem{{/reject_reason}}{{/errors}}">
      <label for="reject_reason">{{t_offers_reason}}</label>
      <textarea id="reject_reason" name="reject_reason" rows="3" maxlength="1000" aria-describedby="reject_reason-hint{{#errors}}{{#reject_reason}} reject_reason-problem{{/reject_reason}}{{/errors}}"{{#errors}}{{#reject_reason}} aria-invalid="true"{{/reject_reason}}{{/errors}}></textarea>
      <p class="hint" id="reject_reason-hint">{{t_offers_reason_hint}}</p>
      {{#errors}}{{#reject_reason}}<p class="problem" id="reject_reason-problem">{{message}}</p>{{/reject_reason}}{{/errors}}
    </div>
{{#made_company}}    <div class="field field-check"><label><input type="checkbox" name="delete_company" value="1"> {{t_offers_delete_company}}</label></div>{{/made_company}}
    <button type="submit" class="button-danger">{{t_offers_reject}}</button>
  </form>
</section>
{{/can_write}}{{/pending}}
{{#has_messages}}
<section>
  <h2>{{t_offers_messages}}</h2>
  <p class="muted">{{t_offers_messages_hint}}</p>
{{#messages}}
  <article class="message">
    <p><strong>{{t_offers_message_to}}</strong> {{to}}<br><strong>{{t_offers_message_subject}}</strong> {{subject}}</p>
    <p class="notes">{{body}}</p>
  </article>
{{/messages}}
</section>
{{/has_messages}}
