{{%AUTOESCAPE context="HTML"}}
<p><a href="/placements">← {{t_placements_title}}</a></p>
<div class="page-head">
  <h1>{{candidate_name}} · {{post_title}}</h1>
</div>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<section aria-labelledby="stage-heading" class="status-box">
  <h2 id="stage-heading">{{t_field_stage}}: <span class="badge stage-{{stage}}">{{stage_label}}</span></h2>
{{#can_write}}
  <form method="post" action="/placements/{{id}}" class="stacked">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <input type="hidden" name="from" value="{{stage}}">
    <div class="field"><label for="p-stage">{{t_placements_move_to}}</label>
      <select id="p-stage" name="stage">
{{#stage_options}}        <option value="{{value}}">{{label}}</option>
{{/stage_options}}      </select></div>
    <div class="field"><label for="p-note">{{t_placements_move_note}}</label>
      <textarea id="p-note" name="note" rows="2" maxlength="2000" aria-describedby="p-note-hint"></textarea>
      <p class="hint" id="p-note-hint">{{t_placements_move_note_hint}}</p></div>
    <button type="submit">{{t_placements_move}}</button>
  </form>
{{/can_write}}
</section>
<div class="columns">
<section>
  <h2>{{t_placements_section_who}}</h2>
  <dl class="facts">
    <dt>{{t_field_candidate_id}}</dt><dd><a href="/candidates/{{candidate_id}}">{{candidate_name}}</a></dd>
    <dt>{{t_field_post_id}}</dt><dd><a href="/posts/{{post_id}}">{{post_title}}</a></dd>
    <dt>{{t_field_company}}</dt><dd><a href="/companies/{{company_id}}">{{company_name}}</a></dd>
    <dt>{{t_field_caseworker_id}}</dt><dd>{{caseworker_name}}</dd>
  </dl>
  <h2 id="note">{{t_placements_note_for_company}}</h2>
{{#can_write}}
  <form method="post" action="/placements/{{id}}/note" class="stacked">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <input type="hidden" name="updated_at" value="{{updated_at}}">
    <div class="field"><label for="p-company-note">{{t_placements_note_for_company}}</label>
      <textarea id="p-company-note" name="note" rows="3" maxlength="2000" aria-describedby="p-company-note-hint">{{note}}</textarea>
      <p class="hint" id="p-company-note-hint">{{t_placements_note_hint}}</p></div>
    <button type="submit">{{t_placements_note_save}}</button>
  </form>
{{/can_write}}
{{#no_can_write}}  <p class="notes">{{note}}</p>{{/no_can_write}}
  <h2 id="history">{{t_placements_history}}</h2>
  <ol class="timeline">
{{#history}}    <li><p class="timeline-head"><strong>{{stage_label}}</strong> · {{at_local}} · {{by}}</p>{{#note_box}}<p class="notes">{{text}}</p>{{/note_box}}</li>
{{/history}}  </ol>
</section>
<section>
  <h2 id="company-link">{{t_placements_company_link}}</h2>
  <p class="muted">{{t_placements_share_hint}}</p>
{{#can_write}}{{#is_open}}
  <form method="post" action="/placements/{{id}}/share">
    <input type="hidden" name="csrf_token" value="{{csrf_token}}">
    <button type="submit">{{t_placements_share}}</button>
  </form>
{{/is_open}}{{/can_write}}
{{#has_shares}}
  <ul class="plain-list">
{{#shares}}    <li>{{t_placements_share_made}} {{created_local}}, {{#expired}}{{t_placements_share_expired}}{{/expired}}{{#no_expired}}{{t_placements_share_until}} {{expires_local}}{{/no_expired}}{{#answer}}<br><strong>{{label}}</strong> ({{at_local}}){{#message_box}}: <span class="notes">{{text}}</span>{{/message_box}}{{/answer}}{{#no_answer}}<br><span class="muted">{{t_placements_no_answer}}</span>{{/no_answer}}</li>
{{/shares}}  </ul>
{{/has_shares}}
  <h2 id="disclosures">{{t_placements_disclosures}}</h2>
{{#has_disclosures}}
  <ul class="plain-list">
{{#disclosures}}    <li>{{at_local}} · {{company_name}} · {{by}}<br><span class="muted">{{#fields}}{{value}} {{/fields}}</span></li>
{{/disclosures}}  </ul>
{{/has_disclosures}}
{{#no_disclosures}}<p class="muted">{{t_placements_no_disclosures}}</p>{{/no_disclosures}}
</section>
</div>
