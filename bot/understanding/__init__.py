"""Reading what residents mean beyond the classifier: answers read by the question asked, explicit commands.

Used by the Rasa server (an NLU component that corrects the classifier with rules that must hold) and
by the action server's form validators, so both read an answer the same way.
"""
