{{%AUTOESCAPE context="HTML"}}
{{#company}}<p><a href="/companies/{{id}}">← {{name}}</a></p>
<section class="narrow">
<h1>{{t_activities_new}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<form method="post" action="/companies/{{id}}/activities" class="stacked">{{/company}}
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
{{#form}}
  <div class="field{{#errors}}{{#kind}} has-problem{{/kind}}{{/errors}}"><label for="a-kind">{{t_field_kind}}</label>
    <select id="a-kind" name="kind">
      <option value="call"{{#kind_call}} selected{{/kind_call}}>{{t_kind_call}}</option><option value="visit"{{#kind_visit}} selected{{/kind_visit}}>{{t_kind_visit}}</option>
      <option value="email"{{#kind_email}} selected{{/kind_email}}>{{t_kind_email}}</option><option value="counselling"{{#kind_counselling}} selected{{/kind_counselling}}>{{t_kind_counselling}}</option>
      <option value="event"{{#kind_event}} selected{{/kind_event}}>{{t_kind_event}}</option><option value="referral"{{#kind_referral}} selected{{/kind_referral}}>{{t_kind_referral}}</option>
    </select>{{#errors}}{{#kind}}<p class="problem">{{message}}</p>{{/kind}}{{/errors}}</div>
  <div class="field{{#errors}}{{#date}} has-problem{{/date}}{{/errors}}"><label for="a-date">{{t_field_date}}</label><input id="a-date" name="date" type="date" value="{{date}}">{{#errors}}{{#date}}<p class="problem">{{message}}</p>{{/date}}{{/errors}}</div>
  <div class="field{{#errors}}{{#subject}} has-problem{{/subject}}{{/errors}}"><label for="a-subject">{{t_field_subject}}</label><input id="a-subject" name="subject" maxlength="200" value="{{subject}}">{{#errors}}{{#subject}}<p class="problem">{{message}}</p>{{/subject}}{{/errors}}</div>
  <div class="field{{#errors}}{{#referred_to}} has-problem{{/referred_to}}{{/errors}}"><label for="a-ref">{{t_field_referred_to}}</label>
    <select id="a-ref" name="referred_to"><option value="">–</option><option value="ihk"{{#referred_to_ihk}} selected{{/referred_to_ihk}}>{{t_chamber_ihk}}</option><option value="hwk"{{#referred_to_hwk}} selected{{/referred_to_hwk}}>{{t_chamber_hwk}}</option></select>{{#errors}}{{#referred_to}}<p class="problem">{{message}}</p>{{/referred_to}}{{/errors}}</div>
  <div class="field{{#errors}}{{#notes}} has-problem{{/notes}}{{/errors}}"><label for="a-notes">{{t_field_notes}}</label><textarea id="a-notes" name="notes" rows="3" maxlength="10000">{{notes}}</textarea></div>
  <div class="field{{#errors}}{{#follow_up}} has-problem{{/follow_up}}{{/errors}}"><label for="a-fu">{{t_field_follow_up}}</label><input id="a-fu" name="follow_up" type="date" value="{{follow_up}}">{{#errors}}{{#follow_up}}<p class="problem">{{message}}</p>{{/follow_up}}{{/errors}}</div>
{{/form}}
  <button type="submit">{{t_activities_save}}</button>
</form>
</section>
