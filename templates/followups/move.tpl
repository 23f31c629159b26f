{{%AUTOESCAPE context="HTML"}}
<p><a href="/followups">← {{t_followups_title}}</a></p>
<section class="narrow">
<h1>{{t_followups_move_title}}</h1>
{{#error}}<div class="notice notice-bad" role="alert">{{message}}</div>{{/error}}
<p><a href="/companies/{{company_id}}">{{company_name}}</a>: {{subject}} <span class="muted">({{date_local}})</span></p>
<form method="post" action="/followups/{{id}}" class="stacked">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <div class="field{{#errors}}{{#follow_up}} has-problem{{/follow_up}}{{/errors}}"><label for="m-day">{{t_followups_new_day}}</label>
    <input id="m-day" name="follow_up" type="date" required value="{{follow_up}}"{{#errors}}{{#follow_up}} aria-invalid="true" aria-describedby="m-day-problem"{{/follow_up}}{{/errors}}>{{#errors}}{{#follow_up}}<p class="problem" id="m-day-problem">{{message}}</p>{{/follow_up}}{{/errors}}</div>
  <div class="field{{#errors}}{{#follow_up_user_id}} has-problem{{/follow_up_user_id}}{{/errors}}"><label for="m-user">{{t_field_follow_up_user_id}}</label>
    <select id="m-user" name="follow_up_user_id"{{#errors}}{{#follow_up_user_id}} aria-invalid="true" aria-describedby="m-user-problem"{{/follow_up_user_id}}{{/errors}}>
{{#owners}}      <option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/owners}}    </select>{{#errors}}{{#follow_up_user_id}}<p class="problem" id="m-user-problem">{{message}}</p>{{/follow_up_user_id}}{{/errors}}</div>
  <button type="submit">{{t_followups_move_submit}}</button>
</form>
</section>
