{{%AUTOESCAPE context="HTML"}}
<p><a href="{{owner_href}}#activity-{{id}}">← {{t_activities_title}}</a></p>
<section class="narrow">
<h1>{{t_activities_delete_title}}</h1>
<p>{{t_activities_delete_question}}</p>
<p><strong>{{date_local}} · {{kind_label}} · {{subject}}</strong></p>
<form method="post" action="/activities/{{id}}/delete">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_activities_delete_confirm}}</button>
  <a href="{{owner_href}}#activity-{{id}}">{{t_cancel}}</a>
</form>
</section>
