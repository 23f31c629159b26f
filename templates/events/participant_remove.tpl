{{%AUTOESCAPE context="HTML"}}
<p><a href="/events/{{event_id}}#participants">← {{event_title}}</a></p>
<section class="narrow">
<h1>{{t_events_remove_participant_title}}</h1>
<p>{{t_events_remove_participant_question}} <strong>{{first_name}} {{last_name}}</strong> {{school_name}}</p>
<p>{{t_events_remove_participant_consequence}}</p>
<form method="post" action="/events/{{event_id}}/participants/{{candidate_id}}/remove">
  <input type="hidden" name="csrf_token" value="{{csrf_token}}">
  <button type="submit" class="button-danger">{{t_events_remove_participant_confirm}}</button>
  <a href="/events/{{event_id}}#participants">{{t_cancel}}</a>
</form>
</section>
