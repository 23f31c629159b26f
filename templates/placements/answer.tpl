{{%AUTOESCAPE context="HTML"}}
<div class="join">
<h1>{{t_placements_answer_heading}}</h1>
<p class="join-lead">{{t_placements_answer_lead}} <strong>{{post_title}}</strong> ({{company_name}})</p>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<section aria-labelledby="profile-heading">
  <h2 id="profile-heading">{{t_placements_profile}}</h2>
  <dl class="facts">
    <dt>{{t_field_first_name}}</dt><dd>{{first_name}}</dd>
    <dt>{{t_field_age}}</dt><dd>{{age}} {{t_years}}</dd>
    <dt>{{t_field_city}}</dt><dd>{{city}}</dd>
    <dt>{{t_field_certificate}}</dt><dd>{{certificate_label}}{{#expected}}<br>{{t_placements_expected}} {{label}}{{/expected}}</dd>
    <dt>{{t_field_languages}}</dt><dd>{{#languages}}<span class="tag">{{value}}</span> {{/languages}}</dd>
    <dt>{{t_field_desired_occupations}}</dt><dd>{{#has_wishes}}<ol>{{#wishes}}<li>{{value}}</li>{{/wishes}}</ol>{{/has_wishes}}</dd>
  </dl>
  {{#note_box}}<h3>{{t_placements_note_from_caseworker}}</h3><p class="notes">{{text}}</p>{{/note_box}}
  <p class="muted">{{t_placements_profile_privacy}}</p>
</section>
<form method="post" action="{{action}}" class="stacked">
  <fieldset class="{{#errors}}{{#answer}}has-problem{{/answer}}{{/errors}}"{{#errors}}{{#answer}} aria-describedby="answer-problem"{{/answer}}{{/errors}}>
    <legend>{{t_placements_your_answer}}</legend>
    <label><input type="radio" name="answer" value="interview"{{#typed}}{{#interview}} checked{{/interview}}{{/typed}}> {{t_share_answer_interview}}</label>
    <label><input type="radio" name="answer" value="decline"{{#typed}}{{#decline}} checked{{/decline}}{{/typed}}> {{t_share_answer_decline}}</label>
    {{#errors}}{{#answer}}<p class="problem" id="answer-problem">{{message}}</p>{{/answer}}{{/errors}}
  </fieldset>
  <div class="field{{#errors}}{{#message}} has-problem{{/message}}{{/errors}}">
    <label for="message">{{t_placements_answer_message}}</label>
    <textarea id="message" name="message" rows="4" maxlength="2000" aria-describedby="message-hint{{#errors}}{{#message}} message-problem{{/message}}{{/errors}}"{{#errors}}{{#message}} aria-invalid="true"{{/message}}{{/errors}}>{{#typed}}{{message}}{{/typed}}</textarea>
    <p class="hint" id="message-hint">{{t_placements_answer_message_hint}}</p>
    {{#errors}}{{#message}}<p class="problem" id="message-problem">{{message}}</p>{{/message}}{{/errors}}
  </div>
  <button type="submit">{{t_placements_answer_send}}</button>
</form>
</div>
