// Entry point; the commands arrive with the foundation issue.
print("nhitop")
